"""Single conditions, each answering met / unmet / unknown with the words that say why.

The criteria keys ``any_of`` and ``alternatives`` combine these (awards/eligibility/outcomes.py);
the top-level keys of the same name wrap them in a finding. ``evaluate`` dispatches a (key,
value) pair of criteria.
"""

import datetime

from django.utils.translation import gettext, ngettext

from awards.eligibility.context import Context
from awards.eligibility.findings import (
    INITIATIVE_ORDER,
    RATING_ORDER,
    date_text,
    initiative_level_text,
    period_text,
    rating_text,
    years_text,
)
from awards.eligibility.outcomes import MET, Outcome, State


def rating_at_least(ctx: Context, minimum: str, year: int) -> Outcome:
    """The nominee's rating for ``year`` is ``minimum`` or better (Law Art. 23, 24)."""
    rating = ctx.rating(year)
    if rating is None:
        return _no_rating([year])
    if _rank(RATING_ORDER, rating) >= _rank(RATING_ORDER, minimum):
        return MET
    detail = gettext("rated at least “%(minimum)s” in %(year)s (rated “%(rating)s”)")
    return Outcome(
        State.UNMET,
        detail % {"minimum": rating_text(minimum), "year": year, "rating": rating_text(rating)},
    )


def consecutive_ratings(ctx: Context, minimum: str, years: int) -> Outcome:
    """Rated ``minimum`` or better in each of the ``years`` years ending with the year."""
    start = ctx.year - int(years) + 1
    ratings = {year: ctx.rating(year) for year in range(start, ctx.year + 1)}
    floor = _rank(RATING_ORDER, minimum)
    low = [year for year, r in ratings.items() if r and _rank(RATING_ORDER, r) < floor]
    if low:
        detail = gettext(
            "rated at least “%(minimum)s” in each of the years %(period)s (not in %(years)s)"
        )
        params = {
            "minimum": rating_text(minimum),
            "period": period_text(start, ctx.year),
            "years": years_text(low),
        }
        return Outcome(State.UNMET, detail % params)
    unknown = [year for year, rating in ratings.items() if rating is None]
    return _no_rating(unknown) if unknown else MET


def consecutive_titles(ctx: Context, code: str, years: int) -> Outcome:
    """Holds ``code`` in each of the ``years`` years ending with the year (the year itself
    counts when the title is held or proposed in the same round) (Law Art. 21, 22)."""
    start = ctx.year - int(years) + 1
    held = ctx.years_held(code)
    missing = [year for year in range(start, ctx.year + 1) if year not in held]
    if not missing:
        return MET
    detail = gettext("%(title)s in each of the years %(period)s (lacking %(missing)s)") % {
        "title": ctx.name_of(code),
        "period": period_text(start, ctx.year),
        "missing": years_text(missing),
    }
    return Outcome(State.UNMET, detail + _voided_note(ctx, code, missing))


def titles_in_period(ctx: Context, code: str, count: int, years: int) -> Outcome:
    """Holds ``code`` in at least ``count`` of the ``years`` years ending with the year."""
    start = ctx.year - int(years) + 1
    found = [year for year in ctx.years_held(code) if start <= year <= ctx.year]
    if len(found) >= int(count):
        return MET
    detail = gettext("%(count)s × %(title)s in %(period)s (has %(found)s)") % {
        "count": count,
        "title": ctx.name_of(code),
        "period": period_text(start, ctx.year),
        "found": len(found),
    }
    lacking = [year for year in range(start, ctx.year + 1) if year not in found]
    return Outcome(State.UNMET, detail + _voided_note(ctx, code, lacking))


def same_year_title(ctx: Context, code: str) -> Outcome:
    """Holds ``code`` for the year itself (or is proposed for it in the same round)."""
    if ctx.year in ctx.years_held(code):
        return MET
    detail = gettext("%(title)s for %(year)s (not held)")
    return Outcome(State.UNMET, detail % {"title": ctx.name_of(code), "year": ctx.year})


def holds_form(ctx: Context, code: str, before: int) -> Outcome:
    """Received the form ``code`` for ``before`` or an earlier year, not revoked. Inside a group
    with N consecutive years, ``before`` is the year before them: the years must follow the
    form (Law Art. 73: "05 năm tiếp theo"); otherwise the year before the proposal's."""
    if any(year <= before for year in ctx.years_held(code)):
        return MET
    detail = gettext("%(form)s received for %(year)s or earlier (none on record)")
    return Outcome(State.UNMET, detail % {"form": ctx.name_of(code), "year": before})


def initiatives(ctx: Context, level: str, count: int, window: tuple[int, int]) -> Outcome:
    """At least ``count`` initiatives authored by the person, recognised at ``level`` or above
    in ``window``, not yet supporting another award (LAW.md §3)."""
    start, end = window
    individual = ctx.subject.kind == "individual"
    rows = ctx.history.initiatives.get(ctx.subject.pk, []) if individual else []
    fitting = [
        row
        for row in rows
        if start <= row.year <= end
        and _rank(INITIATIVE_ORDER, row.level) >= _rank(INITIATIVE_ORDER, level)
    ]
    free = [row for row in fitting if not row.used]
    if len(free) >= int(count):
        return MET
    detail = ngettext(
        "%(count)s initiative recognised at %(level)s level or above in %(period)s and not "
        "yet used for another award (has %(found)s)",
        "%(count)s initiatives recognised at %(level)s level or above in %(period)s and not "
        "yet used for another award (has %(found)s)",
        int(count),
    ) % {
        "count": count,
        "level": initiative_level_text(level),
        "period": period_text(start, end),
        "found": len(free),
    }
    used = [row.title for row in fitting if row.used]
    if used:
        note = gettext("; already used for another award: %(titles)s")
        detail += note % {"titles": ", ".join(f"“{title}”" for title in used)}
    return Outcome(State.UNMET, detail)


def research_topic(ctx: Context) -> Outcome:
    """An accepted research topic: not recorded anywhere, so never known (Law Art. 23)."""
    return Outcome(State.UNKNOWN, gettext("cannot tell whether an accepted research topic exists"))


def movement_or_sudden(ctx: Context) -> Outcome:
    """An achievement in a movement or a sudden one: only the proposer can say (Law Art. 73, 74)."""
    detail = gettext("state which achievement: excellent in an emulation movement, or sudden")
    return Outcome(State.UNKNOWN, detail)


def evaluate(ctx: Context, key: str, value, window: tuple[int, int]) -> Outcome:
    """The outcome of one criteria (key, value) inside ``any_of`` or ``alternatives``;
    ``window`` is the group's consecutive-years period (initiatives and forms are judged in
    it). An unknown key is unknown, never met."""
    match key:
        case "rating" | "min_rating":
            return rating_at_least(ctx, value, ctx.year)
        case "initiative_level":
            return initiatives(ctx, value, 1, window)
        case "initiatives":
            return initiatives(ctx, value["level"], value.get("count", 1), window)
        case "research_topic":
            return research_topic(ctx) if value else MET
        case "movement_or_sudden":
            return movement_or_sudden(ctx) if value else MET
        case "consecutive_years":
            return consecutive_titles(ctx, value["of"], value["years"])
        case "consecutive_ratings":
            return consecutive_ratings(ctx, value["rating"], value["years"])
        case "titles_in_period":
            return titles_in_period(ctx, value["of"], value["count"], value["years"])
        case "holds_form":
            return holds_form(ctx, value, window[0] - 1)
        case "same_year_title":
            return same_year_title(ctx, value)
    return unknown_criterion(key)


def unknown_criterion(key: str) -> Outcome:
    detail = gettext("the catalog has a criterion this version cannot check: %(key)s")
    return Outcome(State.UNKNOWN, detail % {"key": key})


def _no_rating(years: list[int]) -> Outcome:
    detail = gettext("no annual rating recorded for %(years)s")
    return Outcome(State.UNKNOWN, detail % {"years": years_text(years)})


def _voided_note(ctx: Context, code: str, lacking: list[int]) -> str:
    """Why titles held in ``lacking`` years do not count, if a discipline period voids them."""
    if not ctx.years_voided(code) & set(lacking):
        return ""
    if ctx.discipline_end == datetime.date.max:
        return gettext("; no title counts while a discipline period has no end recorded")
    note = gettext("; years before the end of the discipline period on %(date)s do not count")
    return note % {"date": date_text(ctx.discipline_end)}


def _rank(order: list[str], value: str) -> int:
    return order.index(value) if value in order else -1
