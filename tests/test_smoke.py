"""End-to-end smoke test of the offline main job through the CLI entry point."""

import subprocess
import sys


def test_help_lists_commands() -> None:
    out = subprocess.run([sys.executable, "-m", "drafter", "--help"], capture_output=True, text=True, check=True)
    assert "draft" in out.stdout
