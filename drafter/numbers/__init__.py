"""The number checker: find every number in a draft and prove it against the facts."""

from drafter.numbers.check import check
from drafter.numbers.report import CheckReport, Mention

__all__ = ["CheckReport", "Mention", "check"]
