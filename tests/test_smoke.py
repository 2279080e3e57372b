"""The public API and the main job end to end, as a newcomer meets them."""

import doctest
from pathlib import Path

from runner import Cli

import drafter

EXAMPLES = sorted(Path(__file__).resolve().parents[1].joinpath("examples").glob("*.*"))


def test_public_api_example_in_the_package_docstring_runs() -> None:
    result = doctest.testmod(drafter)
    assert result.attempted > 0 and result.failed == 0


def test_quickstart_command_drafts_a_shipped_example_offline(cli: Cli) -> None:
    out = cli("draft", EXAMPLES[0])
    assert out.code == 0, out.err
    assert out.out.startswith("# ") and "## " in out.out
    assert "offline" in out.err


def test_every_shipped_example_drafts_offline_with_no_unsupported_number() -> None:
    for path in EXAMPLES:
        facts = drafter.load_facts(path)
        report = drafter.check(drafter.render_markdown(drafter.draft(facts)), facts)
        assert report.mentions, path
        assert report.ok, (path, [(m.text, m.reason) for m in report.unsupported])
