"""The public API and the main job end to end, as a newcomer meets them."""

import doctest
import subprocess
import sys
from pathlib import Path

import drafter

EXAMPLES = sorted(Path(__file__).resolve().parents[1].joinpath("examples").glob("*.*"))


def test_public_api_example_in_the_package_docstring_runs() -> None:
    result = doctest.testmod(drafter)
    assert result.attempted > 0 and result.failed == 0


def test_quickstart_command_drafts_a_shipped_example_offline() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "drafter", "draft", str(EXAMPLES[0])],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.startswith("# ") and "## " in out.stdout
    assert "offline" in out.stderr


def test_every_shipped_example_drafts_offline_with_no_unsupported_number() -> None:
    for path in EXAMPLES:
        facts = drafter.load_facts(path)
        report = drafter.check(drafter.render_markdown(drafter.draft(facts)), facts)
        assert report.mentions, path
        assert report.ok, (path, [(m.text, m.reason) for m in report.unsupported])
