"""The console script's entry: Ctrl-C while drafter is still starting is one line and exit code 130.

Importing the command line (typer, rich and the command modules) takes a few tenths of a second; a Ctrl-C
in that window would otherwise end in a Python traceback. The garbage collector is off until a command's
code runs (see :mod:`drafter.cli.app`).
"""

from __future__ import annotations

import sys


def main() -> None:
    """Import and run the command line; a Ctrl-C before it is ready ends quietly with exit code 130."""
    try:
        from drafter.cli.app import starting

        starting()
        from drafter.cli.main import main as run
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        raise SystemExit(130) from None
    run()
