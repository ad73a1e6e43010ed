"""Caps on how many may receive a title in a unit (a province's rule, or the national rule
before 2024: "Grassroots Fighter ≤ 15 % of Advanced Workers", Decree 91/2017; LAW.md §1)."""

from django.utils.translation import gettext

from awards.eligibility.context import Context
from awards.eligibility.findings import Finding, Severity


def check_cap(ctx: Context, value: dict) -> list[Finding]:
    """``"cap": {"percent": P, "of": code}``: a warning when this award's grants for the year in
    the nominee's scope, counting this proposal, would exceed P % of the grants of ``of`` there.

    The scope is the person's unit (a collective's parent unit, a household's residential
    unit); grants to the nominee already on record are not counted twice. Proposals of the same
    round that are not yet granted are not counted.
    """
    scope = ctx.subject.scope_id
    if scope is None:
        return []
    counts = ctx.history.scope_counts
    code, base_code, percent = ctx.award.code, value["of"], int(value["percent"])
    held = any(g.code == code and g.year == ctx.year and not g.revoked for g in ctx.grants)
    count = counts.get((ctx.subject.kind, scope, code), 0) + (0 if held else 1)
    base = counts.get((ctx.subject.kind, scope, base_code), 0)
    if count * 100 <= percent * base:
        return []
    unit = ctx.history.units.get(scope)
    message = gettext(
        "With this proposal %(unit)s would have %(count)s × %(award)s for %(year)s, more than "
        "%(percent)s %% of its %(base)s × %(of)s (at most %(limit)s)."
    ) % {
        "unit": unit.name if unit is not None else "",
        "count": count,
        "award": ctx.award_name,
        "year": ctx.year,
        "percent": percent,
        "base": base,
        "of": ctx.name_of(base_code),
        "limit": percent * base // 100,
    }
    return [ctx.finding("cap_exceeded", Severity.WARNING, message)]
