"""``check_eligibility``: may this nominee be proposed for this award for this year?"""

from collections import defaultdict
from collections.abc import Callable, Collection, Sequence

from django.utils.translation import gettext

from awards.eligibility.caps import check_cap
from awards.eligibility.conditions import unknown_criterion
from awards.eligibility.context import NOT_MERIT, Context
from awards.eligibility.findings import (
    Finding,
    Severity,
    award_name,
    principles_citation,
    recipient_kind_text,
)
from awards.eligibility.history import History, load_history
from awards.eligibility.holds import check_holds_block
from awards.eligibility.rows import Nominee
from awards.eligibility.rules_collective import check_collective_members
from awards.eligibility.rules_forms import check_alternatives
from awards.eligibility.rules_individual import (
    check_any_of,
    check_consecutive_years,
    check_initiative_level,
    check_min_rating,
    check_same_year_title,
)
from awards.models import AwardForm, EmulationTitle
from awards.selectors import reference_date

# The criteria keys of AwardRule.criteria, in the order their findings are listed.
CHECKS: dict[str, Callable[[Context, object], list[Finding]]] = {
    "holds_block": check_holds_block,
    "same_year_title": check_same_year_title,
    "min_rating": check_min_rating,
    "consecutive_years": check_consecutive_years,
    "any_of": check_any_of,
    "initiative_level": check_initiative_level,
    "alternatives": check_alternatives,
    "collective_members": check_collective_members,
    "cap": check_cap,
}


def check_eligibility(
    *,
    nominee: Nominee,
    award: EmulationTitle | AwardForm | str,
    year: int,
    history: History | None = None,
    also_proposed: Collection[str] = (),
) -> list[Finding]:
    """The findings against proposing ``nominee`` (a Person, a Unit as a collective, or a
    Household) for ``award`` (a title, a form or its code) for ``year``; an empty list means
    eligible, warnings alone do not block (see ``is_eligible``).

    The rule applied is the one in force for ``year`` in the nominee's province
    (``awards.selectors.rules_in_force``); its ``criteria`` keys are the keys of ``CHECKS``.
    Always checked: the award is for this kind of recipient, a rule is in force, and the nominee
    does not already hold the award for the year (one achievement, one award: Law Art. 5,
    D152 Art. 4). Revoked grants and, for merit-based criteria, grants for sudden or thematic
    achievements never count.

    ``history`` comes from ``load_history`` for the same year, to check many nominees in a
    fixed number of queries; without it the nominee's history is loaded (about 10 queries).
    ``also_proposed`` holds codes proposed for the same nominee in the same round: they count
    as held for ``year`` (e.g. Advanced Worker proposed together with Grassroots Fighter).

    Raises ``LookupError`` for an unknown award code, ``ValueError`` when ``history`` is for
    another year or does not cover the nominee or the award.
    """
    code = award if isinstance(award, str) else award.code
    if history is None:
        history = load_history(nominees=[nominee], year=year, award_codes=[code])
    elif history.year != year:
        raise ValueError(f"The history was loaded for {history.year}, not {year}")
    award = history.award(code)
    subject = history.subject(nominee)
    citation = principles_citation(reference_date(year))
    if subject.kind not in award.recipient_kinds:
        message = gettext("%(award)s is not conferred on %(kind)s (%(nominee)s).") % {
            "award": award_name(award),
            "kind": recipient_kind_text(subject.kind),
            "nominee": subject.name,
        }
        return [Finding("recipient_kind_not_allowed", Severity.BLOCKING, message, award.citation)]
    rule = history.rules_for(subject).get(code)
    if rule is None:
        message = gettext("No rule for %(award)s is in force for %(year)s.") % {
            "award": award_name(award),
            "year": year,
        }
        return [Finding("no_rule_in_force", Severity.BLOCKING, message, award.citation)]

    ctx = Context(history, subject, award, rule, year, frozenset(also_proposed) - {code})
    findings = _already_awarded(ctx, citation)
    for key in rule.criteria:
        if key not in CHECKS:
            detail = unknown_criterion(key).detail
            message = gettext("Cannot check %(award)s: %(detail)s.") % {
                "award": ctx.award_name,
                "detail": detail,
            }
            findings.append(ctx.finding("criterion_unknown", Severity.MISSING_DATA, message))
    for key, check in CHECKS.items():
        if key in rule.criteria:
            findings += check(ctx, rule.criteria[key])
    return findings


def check_proposals(*, proposals: Sequence[tuple[Nominee, str]], year: int) -> list[list[Finding]]:
    """The findings of ``check_eligibility`` for each ``(nominee, award code)`` of a list, in
    order, in a fixed number of queries (one ``load_history`` for all of them).

    The proposals are one registration's lines or one dossier's nominations: the awards
    proposed for the same nominee count as proposed together (``also_proposed``, e.g. Advanced
    Worker with Grassroots Fighter).
    """
    if not proposals:
        return []
    together: dict[tuple[type, int], set[str]] = defaultdict(set)
    for nominee, code in proposals:
        together[(type(nominee), nominee.pk)].add(code)
    history = load_history(
        nominees=[nominee for nominee, _code in proposals],
        year=year,
        award_codes={code for _nominee, code in proposals},
    )
    return [
        check_eligibility(
            nominee=nominee,
            award=code,
            year=year,
            history=history,
            also_proposed=together[(type(nominee), nominee.pk)],
        )
        for nominee, code in proposals
    ]


def _already_awarded(ctx: Context, citation: str) -> list[Finding]:
    """One achievement, one award: the same award for the same year, not revoked, blocks; one
    for a sudden or thematic achievement only warns (it rewarded another achievement)."""
    same = [g for g in ctx.grants if g.code == ctx.award.code and g.year == ctx.year]
    values = {"nominee": ctx.subject.name, "award": ctx.award_name, "year": ctx.year}
    for grant in same:
        if grant.revoked or grant.achievement in NOT_MERIT:
            continue
        if grant.decision:
            text = gettext(
                "%(nominee)s already received %(award)s for %(year)s (decision %(decision)s): "
                "one achievement earns one award."
            )
        else:
            text = gettext(
                "%(nominee)s already received %(award)s for %(year)s: one achievement earns "
                "one award."
            )
        message = text % {**values, "decision": grant.decision}
        return [Finding("already_awarded", Severity.BLOCKING, message, citation)]
    if any(not g.revoked for g in same):
        text = gettext(
            "%(nominee)s already received %(award)s for %(year)s for a sudden or thematic "
            "achievement; this proposal must rest on another achievement."
        )
        return [
            Finding("already_awarded_other_achievement", Severity.WARNING, text % values, citation)
        ]
    return []
