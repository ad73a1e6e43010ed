"""Reads of the award catalog and history."""

import datetime

from django.db.models import Q

from awards.models import AwardForm, AwardRule, EmulationTitle
from organizations.models import Unit


def reference_date(year: int) -> datetime.date:
    """The day whose rules judge awards for ``year``: 31/12 of that year.

    Year-end awards are decided on the year's results, so a 2024 title follows the 2022 Law
    (in force 01/01/2024) and a 2025 title follows Decree 152/2025 (in force 01/07/2025).
    """
    return datetime.date(year, 12, 31)


def rules_in_force(*, year: int, province: Unit | None = None) -> dict[str, AwardRule]:
    """The rule for every title and form in force for ``year``, by award code.

    National rule sets apply award by award: for each award the latest set in force on
    ``reference_date(year)`` that has a rule for it wins. A rule set of ``province`` in force then
    overrides the national rule for the awards it covers. One query.
    """
    day = reference_date(year)
    scope = Q(rule_set__province__isnull=True)
    if province is not None:
        scope |= Q(rule_set__province=province)
    rules = (
        AwardRule.objects.filter(scope, rule_set__effective_from__lte=day)
        .select_related("rule_set", "title", "form")
        .order_by("rule_set__effective_from", "rule_set__pk")
    )
    national: dict[str, AwardRule] = {}
    provincial: dict[str, AwardRule] = {}
    for rule in rules:  # oldest first: later sets overwrite earlier ones
        target = provincial if rule.rule_set.province_id else national
        target[rule.award.code] = rule
    return {**national, **provincial}


def award_by_code(code: str) -> EmulationTitle | AwardForm:
    """The title or form with ``code``; raises ``LookupError`` when there is none."""
    for model in (EmulationTitle, AwardForm):
        award = model.objects.filter(code=code).first()
        if award is not None:
            return award
    raise LookupError(code)


def awards_for_recipient(*, kind: str) -> tuple[list[EmulationTitle], list[AwardForm]]:
    """The titles and the forms of commendation that may be conferred on ``kind`` (a
    ``RecipientKind`` value: "individual", "collective", "household"), each in catalog order.
    Two queries (the catalog is small; ``recipient_kinds`` is filtered in Python, as SQLite
    cannot look inside a JSON list)."""
    titles = EmulationTitle.objects.order_by("order", "code")
    forms = AwardForm.objects.order_by("order", "code")
    return (
        [title for title in titles if kind in title.recipient_kinds],
        [form for form in forms if kind in form.recipient_kinds],
    )
