"""Criteria of the individual titles: same-year title, rating, consecutive years, initiative,
and "any of" (Law Art. 21–24).

Each check takes the context and the criteria value and returns its findings (none when met).
"""

from django.utils.translation import gettext

from awards.eligibility import conditions, outcomes
from awards.eligibility.context import Context
from awards.eligibility.findings import Finding, Severity, rating_text
from awards.eligibility.outcomes import State


def check_same_year_title(ctx: Context, value: str | list[str]) -> list[Finding]:
    """``"same_year_title": code`` (or a list of codes): the nominee holds the title for the
    same year, or is proposed for it in the same round (Law Art. 23: Advanced Worker the same
    year for a Grassroots Fighter)."""
    findings = []
    for code in [value] if isinstance(value, str) else value:
        if conditions.same_year_title(ctx, code).state == State.MET:
            continue
        message = gettext(
            "%(nominee)s does not hold %(title)s for %(year)s, which %(award)s requires the "
            "same year."
        ) % {
            "nominee": ctx.subject.name,
            "title": ctx.name_of(code),
            "year": ctx.year,
            "award": ctx.award_name,
        }
        findings.append(ctx.finding("same_year_title_missing", Severity.BLOCKING, message))
    return findings


def check_min_rating(ctx: Context, value: str) -> list[Finding]:
    """``"min_rating": "good" | "excellent"``: the nominee's annual rating for the year is at
    least that (Law Art. 24); no rating recorded is missing data."""
    rating = ctx.rating(ctx.year)
    if rating is None:
        message = gettext("No annual rating recorded for %(year)s for %(nominee)s.") % {
            "year": ctx.year,
            "nominee": ctx.subject.name,
        }
        return [ctx.finding("rating_missing", Severity.MISSING_DATA, message)]
    if conditions.rating_at_least(ctx, value, ctx.year).state == State.MET:
        return []
    message = gettext(
        "%(nominee)s was rated “%(rating)s” for %(year)s; %(award)s needs at least “%(minimum)s”."
    ) % {
        "nominee": ctx.subject.name,
        "rating": rating_text(rating),
        "year": ctx.year,
        "award": ctx.award_name,
        "minimum": rating_text(value),
    }
    return [ctx.finding("rating_below_minimum", Severity.BLOCKING, message)]


def check_consecutive_years(ctx: Context, value: dict) -> list[Finding]:
    """``"consecutive_years": {"of": code, "years": N}``: the nominee holds ``of`` in each of
    the N years ending with the year; the year itself counts when the title is held or proposed
    in the same round; years before the end of a discipline period do not count (Law Art. 21,
    22; D152 Art. 4)."""
    outcome = conditions.consecutive_titles(ctx, value["of"], value["years"])
    return outcomes.wrap(ctx, outcome, "consecutive_years_missing")


def check_initiative_level(ctx: Context, value: str) -> list[Finding]:
    """``"initiative_level": level``: an initiative authored by the person, recognised at that
    level or above within the rule's consecutive-years period (the year alone without one), not
    yet used for another award (Law Art. 22, 23; LAW.md §3)."""
    outcome = conditions.initiatives(ctx, value, 1, ctx.window(ctx.rule.criteria))
    return outcomes.wrap(ctx, outcome, "initiative_missing")


def check_any_of(ctx: Context, value: list[dict]) -> list[Finding]:
    """``"any_of": [{...}, ...]``: at least one alternative holds, each a single condition such
    as ``{"rating": "excellent"}``, ``{"initiative_level": "grassroots"}`` or
    ``{"research_topic": true}`` (Law Art. 23). A research topic is never on record: with
    nothing else met the answer is missing data, not a refusal."""
    window = ctx.window(ctx.rule.criteria)
    options = [
        outcomes.all_of(conditions.evaluate(ctx, key, v, window) for key, v in option.items())
        for option in value
    ]
    outcome = outcomes.any_of(options)
    if outcome.state == State.UNMET:
        message = gettext(
            "%(nominee)s meets none of the conditions for %(award)s for %(year)s: %(detail)s."
        )
        values = outcomes.values(ctx, outcome)
        return [ctx.finding("any_of_unmet", Severity.BLOCKING, message % values)]
    return outcomes.wrap(ctx, outcome, "any_of_unmet", unknown_code="any_of_unknown")
