"""Answers of conditions (met / unmet / unknown), how they combine, and the findings that
report them."""

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext

from awards.eligibility.context import Context
from awards.eligibility.findings import Finding, Severity


class State(enum.Enum):
    MET = "met"
    UNMET = "unmet"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Outcome:
    """A condition's answer; ``detail`` says what is lacking or unknown (empty when met)."""

    state: State
    detail: str = ""


MET = Outcome(State.MET)


def all_of(outcomes: Iterable[Outcome]) -> Outcome:
    """Unmet if one is unmet (naming the unmet ones), else unknown if one is unknown."""
    outcomes = list(outcomes)
    for state in (State.UNMET, State.UNKNOWN):
        details = [o.detail for o in outcomes if o.state == state]
        if details:
            return Outcome(state, ", ".join(details))
    return MET


def any_of(outcomes: Iterable[Outcome]) -> Outcome:
    """Met if one is met, else unknown if one is unknown; the detail names every one."""
    outcomes = list(outcomes)
    if any(o.state == State.MET for o in outcomes):
        return MET
    state = State.UNKNOWN if any(o.state == State.UNKNOWN for o in outcomes) else State.UNMET
    return Outcome(state, "; ".join(o.detail for o in outcomes))


def wrap(
    ctx: Context, outcome: Outcome, code: str, *, unknown_code: str | None = None
) -> list[Finding]:
    """The finding for an outcome: blocking when unmet (``code``), missing data when unknown
    (``unknown_code``, default ``code`` with ``_unknown`` for ``_missing``), none when met."""
    if outcome.state == State.MET:
        return []
    if outcome.state == State.UNMET:
        message = gettext("%(nominee)s is not eligible for %(award)s for %(year)s: %(detail)s.")
        return [ctx.finding(code, Severity.BLOCKING, message % values(ctx, outcome))]
    message = gettext(
        "Cannot yet decide whether %(nominee)s is eligible for %(award)s for %(year)s: %(detail)s."
    )
    unknown_code = unknown_code or code.removesuffix("_missing") + "_unknown"
    return [ctx.finding(unknown_code, Severity.MISSING_DATA, message % values(ctx, outcome))]


def values(ctx: Context, outcome: Outcome) -> dict:
    """The placeholders of the wrapping sentences."""
    return {
        "nominee": ctx.subject.name,
        "award": ctx.award_name,
        "year": ctx.year,
        "detail": outcome.detail,
    }
