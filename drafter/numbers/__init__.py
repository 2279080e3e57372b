"""The number checker: find every number in a draft and prove it against the facts.

Pipeline: ``extract`` (claims and multiples → Arabic/Chinese → English mentions, each with an interval
from its stated precision) → ``sources`` (every number the facts offer, indexed by value) → ``match``
(supported, or ``derive``d with a formula, or unsupported with a reason) → ``report`` (CheckReport) →
``render``.
Lexicons (numerals, units, approximators, idioms, markers, terms, cue words) are YAML files in ``data/``.
"""

from drafter.numbers.check import check
from drafter.numbers.interval import Tolerance
from drafter.numbers.report import CheckReport, Mention
from drafter.numbers.units import compatible as units_compatible

__all__ = ["CheckReport", "Mention", "Tolerance", "check", "units_compatible"]
