"""Drafting: plan the report, have a backend write each section, assemble the Draft.

Provisional sequential version for the offline backend; the model path (concurrency, check-and-repair,
retries, cache) extends :func:`draft`.
"""

from __future__ import annotations

from drafter.backends.base import Backend
from drafter.draft import Draft, DraftSection
from drafter.facts.models import Facts
from drafter.plan import plan_report


def draft(facts: Facts, backend: Backend | None = None) -> Draft:
    """Draft the whole report for ``facts`` with ``backend`` (default: the offline backend)."""
    if backend is None:
        from drafter.backends.offline import OfflineBackend

        backend = OfflineBackend()
    plan = plan_report(facts)
    sections = [
        DraftSection(id=s.id, heading=s.heading, text=backend.draft_section(plan, s), origin="offline")
        for s in plan.sections
    ]
    return Draft(title=plan.title, language=plan.language, kind=plan.kind.id, backend=backend.name,
                 sections=sections)
