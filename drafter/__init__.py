"""drafter: draft formal reports from a facts file, prove every number, score drafts.

The public API is small and re-exported here; heavy modules load only when used.
"""

from __future__ import annotations

from drafter.errors import DrafterError
from drafter.facts import Facts, load_facts
from drafter.numbers import CheckReport, Mention, check

__version__ = "0.1.0"

__all__ = ["CheckReport", "DrafterError", "Facts", "Mention", "__version__", "check", "load_facts"]
