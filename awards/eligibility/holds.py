"""Holds on a proposal: discipline, investigation, pending complaint (D152 Art. 4).

A disciplinary measure holds a proposal for ``year`` when its period overlaps the proposal
period (``history.proposal_period``: the year and the following one, when year-end awards are
proposed and decided). An investigation or a complaint holds it while pending (no end recorded)
if it began by the end of that period; once concluded it holds nothing: any discipline that
followed is a record of its own. That achievements count only from the end of a discipline
period is applied where titles are counted (``Context.years_held``).
"""

from django.utils.translation import gettext

from awards.eligibility.context import Context
from awards.eligibility.findings import Finding, Severity, date_text, level_text
from awards.eligibility.history import proposal_period
from awards.eligibility.rows import HoldRow
from awards.models import DisciplinaryRecord

Kind = DisciplinaryRecord.Kind


def check_holds_block(ctx: Context, value: bool) -> list[Finding]:
    """``"holds_block": true``: one blocking finding per hold on the person's proposal."""
    if not value:
        return []
    start, end = proposal_period(ctx.year)
    findings = []
    for hold in ctx.holds:
        if hold.kind == Kind.DISCIPLINE:
            if hold.starts_on <= end and (hold.ends_on is None or hold.ends_on >= start):
                findings.append(_discipline(ctx, hold))
        elif hold.ends_on is None and hold.starts_on <= end:
            findings.append(_pending(ctx, hold))
    return findings


def _discipline(ctx: Context, hold: HoldRow) -> Finding:
    values = {
        "nominee": ctx.subject.name,
        "level": level_text(hold.level),
        "start": date_text(hold.starts_on),
        "year": ctx.year,
    }
    if hold.ends_on is None:
        message = gettext(
            "%(nominee)s is under a disciplinary measure (%(level)s) since %(start)s with no "
            "end recorded; the proposal for %(year)s is held."
        )
    else:
        values["end"] = date_text(hold.ends_on)
        message = gettext(
            "%(nominee)s is under a disciplinary measure (%(level)s) from %(start)s to "
            "%(end)s; the proposal for %(year)s is held."
        )
    return ctx.principle("hold_discipline", Severity.BLOCKING, message % values)


def _pending(ctx: Context, hold: HoldRow) -> Finding:
    values = {"nominee": ctx.subject.name, "start": date_text(hold.starts_on), "year": ctx.year}
    if hold.kind == Kind.INVESTIGATION:
        message = gettext(
            "%(nominee)s has been under investigation since %(start)s; the proposal for "
            "%(year)s is held until it concludes."
        )
        return ctx.principle("hold_investigation", Severity.BLOCKING, message % values)
    message = gettext(
        "A complaint about %(nominee)s has been pending since %(start)s; the proposal for "
        "%(year)s is held until it is settled."
    )
    return ctx.principle("hold_complaint", Severity.BLOCKING, message % values)
