"""Judge a figure together with what its clause speaks of: supported, derived, misattributed or unsupported.

The value judgement (:mod:`drafter.numbers.match`) says whether some fact states or computes the figure.
When the clause clearly speaks of a fact (:mod:`drafter.numbers.bind`), the figure must be *that* fact's:
its value, previous value, a number in its label or note, or a rate or total computed with it. A figure
that belongs to another fact is ``misattributed``; the reason names both in plain words.
"""

from __future__ import annotations

from dataclasses import replace

from drafter.facts.models import Facts
from drafter.numbers.bind import Binder, Binding
from drafter.numbers.match import owner
from drafter.numbers.verdict import Verdict
from drafter.numbers.wording import figure_of

VALUE_ONLY = "matched by value only"


def described(subject_id: str, binder: Binder) -> str:
    """Return ``id (label)``: how a reason names a fact or a note."""
    subject = binder.subjects.get(subject_id)
    return f"{subject_id} ({subject.label})" if subject else subject_id


def owners(verdict: Verdict) -> list[str]:
    """Return the facts (and notes) whose numbers state or compute the figure, first cited first."""
    return list(dict.fromkeys(o for o in (owner(s) for s in verdict.sources) if o is not None))


def unclaimed(verdict: Verdict) -> Verdict:
    """A figure whose clause names no fact clearly: the value verdict, its reason saying so."""
    if verdict.status in ("supported", "derived"):
        return replace(verdict, reason=f"{verdict.reason}; {VALUE_ONLY}")
    return verdict


def claimed_verdict(
    text: str,
    value: Verdict,
    strict: Verdict,
    binding: Binding,
    binder: Binder,
    facts: Facts,
    firm: bool = True,
) -> Verdict:
    """Return the verdict of a figure whose clause speaks of ``binding.claimed``.

    Args:
        text: The mention as written.
        value: The verdict on the figure's value alone (any fact may state it).
        strict: The verdict when only the claimed subject's numbers may state or compute it.
        binding: Which subject the clause speaks of.
        binder: The subjects (for their labels).
        facts: The facts (for the claimed fact's figure).
        firm: Whether the figure can only be the claimed fact's (false for a share said in a clause about
            a count: 其中示范社区占三分之一 is a share within the count, which no fact computes).
    """
    claimed = binding.claimed
    assert claimed is not None
    if strict.status in ("supported", "derived"):
        return strict
    speaks = f"this clause speaks of {described(claimed, binder)}"
    own = _own_figure(claimed, facts)
    if value.status in ("supported", "derived"):
        if not binding.strong or not firm:
            return unclaimed(value)
        others = [o for o in owners(value) if o != claimed] or owners(value)
        if any(binding.speaks_of(o) for o in others):
            return unclaimed(value)  # 优良率提高3.3个百分点: the clause speaks of 优良率 too
        what = "figure" if value.status == "supported" else f"{value.op or 'derived figure'}"
        whose = " and ".join(described(o, binder) for o in others[:2]) or "another source"
        formula = f" ({value.formula})" if value.formula else ""
        return Verdict(
            "misattributed",
            list(value.sources),
            value.formula,
            f"{text} is the {what} of {whose}{formula}; {speaks}{own}",
            value.op,
        )
    if claimed in value.reason:
        return replace(strict, reason=value.reason)  # the reason already names the fact (a dropped 多)
    return replace(strict, reason=f"{value.reason}; {speaks}{own}")


def _own_figure(subject_id: str, facts: Facts) -> str:
    for fact in facts.facts:
        if fact.id == subject_id:
            return f": {figure_of(fact, facts.report.language)}"
    return ""
