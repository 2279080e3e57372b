"""drafter: draft formal reports from a facts file, prove every number, score drafts.

The public API is small and re-exported here. Heavy dependencies (langchain, openai, python-docx,
prompt_toolkit) load only inside the functions that use them.

Example:
    >>> import drafter
    >>> facts = drafter.load_facts("examples/qingxi-education-2025.yaml")
    >>> report = drafter.check(drafter.render_markdown(drafter.draft(facts)), facts)
    >>> report.ok
    True
"""

from __future__ import annotations

from drafter.backends import make_backend
from drafter.document import render_markdown, render_text, write_document
from drafter.draft import Draft, DraftSection
from drafter.drafting import draft, draft_section, revise_section
from drafter.errors import DrafterError
from drafter.evals import load_suite, run_suite
from drafter.facts import Facts, load_facts
from drafter.numbers import CheckReport, Mention, check
from drafter.plan import Plan, plan_report
from drafter.settings import BackendOptions, resolve_options

__version__ = "0.1.0"

__all__ = [
    "BackendOptions",
    "CheckReport",
    "Draft",
    "DraftSection",
    "DrafterError",
    "Facts",
    "Mention",
    "Plan",
    "__version__",
    "check",
    "draft",
    "draft_section",
    "load_facts",
    "load_suite",
    "make_backend",
    "plan_report",
    "render_markdown",
    "render_text",
    "resolve_options",
    "revise_section",
    "run_suite",
    "write_document",
]
