"""Facts files: models and loader."""

from drafter.facts.loader import load_facts, parse_facts
from drafter.facts.models import Approx, Fact, Facts, Language, Note, ReportMeta

__all__ = ["Approx", "Fact", "Facts", "Language", "Note", "ReportMeta", "load_facts", "parse_facts"]
