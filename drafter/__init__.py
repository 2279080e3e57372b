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

from typing import TYPE_CHECKING

from drafter.lazy import lazy_exports
from drafter.version import __version__

if TYPE_CHECKING:
    from drafter.backends import make_backend
    from drafter.document import render_markdown, render_text, write_document
    from drafter.drafting import draft, draft_section, revise_section
    from drafter.errors import DrafterError
    from drafter.evals import load_suite, run_suite
    from drafter.facts import Facts, load_facts
    from drafter.numbers import CheckReport, Mention, check
    from drafter.plan import Plan, plan_report
    from drafter.sections import Draft, DraftSection
    from drafter.settings import BackendOptions, resolve_options

# Where each public name lives: imported on first use (PEP 562), so `import drafter` and the CLI's start-up
# load only what they touch.
_HOMES = {
    "make_backend": "drafter.backends",
    "render_markdown": "drafter.document",
    "render_text": "drafter.document",
    "write_document": "drafter.document",
    "Draft": "drafter.sections",
    "DraftSection": "drafter.sections",
    "draft": "drafter.drafting",
    "draft_section": "drafter.drafting",
    "revise_section": "drafter.drafting",
    "DrafterError": "drafter.errors",
    "load_suite": "drafter.evals",
    "run_suite": "drafter.evals",
    "Facts": "drafter.facts",
    "load_facts": "drafter.facts",
    "CheckReport": "drafter.numbers",
    "Mention": "drafter.numbers",
    "check": "drafter.numbers",
    "Plan": "drafter.plan",
    "plan_report": "drafter.plan",
    "BackendOptions": "drafter.settings",
    "resolve_options": "drafter.settings",
}


__getattr__ = lazy_exports(globals(), _HOMES)


def __dir__() -> list[str]:
    return sorted(__all__)


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
