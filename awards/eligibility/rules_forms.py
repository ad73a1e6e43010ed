"""Criteria of the forms of commendation: groups of conditions, any one of which qualifies
(Bằng khen of the provincial chair, Law Art. 74; of the Prime Minister, Law Art. 73)."""

from django.utils.translation import gettext

from awards.eligibility import conditions, outcomes
from awards.eligibility.context import Context
from awards.eligibility.findings import Finding, Severity
from awards.eligibility.outcomes import Outcome, State


def check_alternatives(ctx: Context, value: list[dict]) -> list[Finding]:
    """``"alternatives": [{...}, ...]``: any group whose conditions all hold qualifies.

    Keys inside a group: ``consecutive_years`` ({"of", "years"}), ``consecutive_ratings``
    ({"rating", "years"}), ``initiatives`` ({"level", "count"}, within the group's years),
    ``holds_form`` (a code, received before the group's years), ``titles_in_period``
    ({"of", "count", "years"}), ``movement_or_sudden`` (true: only the proposer can say, so
    missing data unless another group holds), and the single conditions of ``any_of``.
    A group about a title or form the nominee's kind cannot receive (two years Excellent
    Collective, for a person) does not apply to it and is left out.
    """
    groups = [_group(ctx, group) for group in value if _applies(ctx, group)]
    if any(outcome.state == State.MET for outcome in groups):
        return []
    detail = "; ".join(f"({number}) {o.detail}" for number, o in enumerate(groups, start=1))
    outcome = Outcome(
        State.UNKNOWN if any(o.state == State.UNKNOWN for o in groups) else State.UNMET, detail
    )
    if outcome.state == State.UNMET:
        message = gettext(
            "%(nominee)s meets none of the cases for %(award)s for %(year)s: %(detail)s."
        )
        values = outcomes.values(ctx, outcome)
        return [ctx.finding("alternatives_unmet", Severity.BLOCKING, message % values)]
    return outcomes.wrap(ctx, outcome, "alternatives_unmet", unknown_code="alternatives_unknown")


def _group(ctx: Context, group: dict) -> Outcome:
    window = ctx.window(group)
    return outcomes.all_of(
        conditions.evaluate(ctx, key, value, window) for key, value in group.items()
    )


def _applies(ctx: Context, group: dict) -> bool:
    """False when the group refers to an award not conferred on the nominee's kind."""
    codes = [group.get("holds_form"), group.get("same_year_title")]
    codes += [group[key]["of"] for key in ("consecutive_years", "titles_in_period") if key in group]
    awards = [ctx.history.awards.get(code) for code in codes if code]
    return all(ctx.subject.kind in award.recipient_kinds for award in awards if award is not None)
