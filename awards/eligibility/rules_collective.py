"""Criteria on the members of a collective (Law Art. 27, 28).

The members are the people recorded in the unit (``Person.unit``), not those of the units
below it. Their titles, ratings and discipline for the year come from the same ``History``.
"""

import datetime

from django.utils.translation import gettext

from awards.eligibility.context import Context
from awards.eligibility.findings import (
    LEVEL_ORDER,
    RATING_ORDER,
    Finding,
    Severity,
    level_text,
    names_text,
    percent_text,
)
from awards.eligibility.history import ADVANCED_WORKER, GRASSROOTS_FIGHTER
from awards.eligibility.rows import MemberRow
from awards.models import AnnualRating, DisciplinaryRecord


def check_collective_members(ctx: Context, value: dict) -> list[Finding]:
    """``"collective_members": {...}`` with any of:

    * ``advanced_worker_share``: percent of members holding Advanced Worker that year (≥);
    * ``all_complete_tasks``: every member rated "completed tasks" or better that year;
    * ``min_grassroots_fighters``: at least N members Grassroots Fighter that year;
    * ``no_discipline_at_or_above``: no member disciplined at that level or above
      (reprimand < warning < demotion < dismissal < forced_resignation) during the year.

    Only for a collective nominee; a collective without recorded members is missing data.
    """
    if ctx.subject.kind != "collective":
        return []
    members = ctx.history.members.get(ctx.subject.pk, [])
    if not members:
        message = gettext(
            "No members of %(unit)s are recorded, so the member conditions of %(award)s "
            "cannot be checked."
        ) % {"unit": ctx.subject.name, "award": ctx.award_name}
        return [ctx.finding("collective_no_members", Severity.MISSING_DATA, message)]
    findings: list[Finding] = []
    if "advanced_worker_share" in value:
        findings += _share(ctx, members, int(value["advanced_worker_share"]))
    if value.get("all_complete_tasks"):
        findings += _all_complete(ctx, members)
    if value.get("min_grassroots_fighters"):
        findings += _fighters(ctx, members, int(value["min_grassroots_fighters"]))
    if value.get("no_discipline_at_or_above"):
        findings += _discipline(ctx, members, value["no_discipline_at_or_above"])
    return findings


def _holders(ctx: Context, members: list[MemberRow], code: str) -> list[MemberRow]:
    """Members holding ``code`` for the year (not revoked, merit)."""
    grants = ctx.history.grants
    return [
        member
        for member in members
        if any(
            g.code == code and g.year == ctx.year and ctx.merit(g)
            for g in grants.get(("individual", member.pk), [])
        )
    ]


def _share(ctx: Context, members: list[MemberRow], minimum: int) -> list[Finding]:
    count = len(_holders(ctx, members, ADVANCED_WORKER))
    if count * 100 >= minimum * len(members):
        return []
    message = gettext(
        "Only %(count)s of the %(total)s members of %(unit)s (%(share)s %%) hold %(title)s "
        "for %(year)s; %(award)s needs at least %(minimum)s %%."
    ) % {
        "count": count,
        "total": len(members),
        "unit": ctx.subject.name,
        "share": percent_text(count * 100 / len(members)),
        "title": ctx.name_of(ADVANCED_WORKER),
        "year": ctx.year,
        "award": ctx.award_name,
        "minimum": minimum,
    }
    return [ctx.finding("collective_advanced_worker_share", Severity.BLOCKING, message)]


def _all_complete(ctx: Context, members: list[MemberRow]) -> list[Finding]:
    ratings = ctx.history.ratings
    rated = {m: ratings.get(("individual", m.pk), {}).get(ctx.year) for m in members}
    threshold = RATING_ORDER.index(AnnualRating.Rating.COMPLETED)
    failing = [m.name for m, r in rated.items() if r and RATING_ORDER.index(r) < threshold]
    unrated = [m.name for m, r in rated.items() if r is None]
    findings = []
    values = {"unit": ctx.subject.name, "year": ctx.year, "award": ctx.award_name}
    if failing:
        message = gettext(
            "These members of %(unit)s did not complete their tasks in %(year)s: %(names)s; "
            "%(award)s needs every member to complete them."
        ) % {**values, "names": names_text(failing)}
        findings.append(ctx.finding("collective_member_not_completed", Severity.BLOCKING, message))
    if unrated:
        message = gettext(
            "No annual rating recorded for %(year)s for these members of %(unit)s: %(names)s."
        ) % {**values, "names": names_text(unrated)}
        findings.append(
            ctx.finding("collective_member_rating_missing", Severity.MISSING_DATA, message)
        )
    return findings


def _fighters(ctx: Context, members: list[MemberRow], minimum: int) -> list[Finding]:
    count = len(_holders(ctx, members, GRASSROOTS_FIGHTER))
    if count >= minimum:
        return []
    message = gettext(
        "%(unit)s has %(count)s members with %(title)s for %(year)s; %(award)s needs at "
        "least %(minimum)s."
    ) % {
        "unit": ctx.subject.name,
        "count": count,
        "title": ctx.name_of(GRASSROOTS_FIGHTER),
        "year": ctx.year,
        "award": ctx.award_name,
        "minimum": minimum,
    }
    return [ctx.finding("collective_grassroots_fighters", Severity.BLOCKING, message)]


def _discipline(ctx: Context, members: list[MemberRow], level: str) -> list[Finding]:
    """Members with a discipline overlapping the year at ``level`` or above; a discipline
    without a recorded level is missing data."""
    first, last = datetime.date(ctx.year, 1, 1), datetime.date(ctx.year, 12, 31)
    threshold = LEVEL_ORDER.index(level)
    above, unknown = [], []
    for member in members:
        levels = [
            hold.level
            for hold in ctx.history.holds.get(member.pk, [])
            if hold.kind == DisciplinaryRecord.Kind.DISCIPLINE
            and hold.starts_on <= last
            and (hold.ends_on is None or hold.ends_on >= first)
        ]
        if any(lv in LEVEL_ORDER and LEVEL_ORDER.index(lv) >= threshold for lv in levels):
            above.append(member.name)
        elif any(lv not in LEVEL_ORDER for lv in levels):
            unknown.append(member.name)
    values = {"unit": ctx.subject.name, "year": ctx.year, "level": level_text(level)}
    findings = []
    if above:
        message = gettext(
            "These members of %(unit)s were disciplined at “%(level)s” or above in %(year)s: "
            "%(names)s."
        ) % {**values, "names": names_text(above)}
        findings.append(ctx.finding("collective_member_disciplined", Severity.BLOCKING, message))
    if unknown:
        message = gettext(
            "The level of the discipline of these members of %(unit)s in %(year)s is not "
            "recorded: %(names)s."
        ) % {**values, "names": names_text(unknown)}
        code = "collective_member_discipline_level_missing"
        findings.append(ctx.finding(code, Severity.MISSING_DATA, message))
    return findings
