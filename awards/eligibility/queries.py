"""The queries behind ``load_history``: one each, whatever the number of ids passed.

Rows come back as tuples (``values_list``) and are grouped by nominee in Python: a batch of a
thousand nominees with a hundred grants each stays well under a second.
"""

import datetime
from collections import defaultdict
from collections.abc import Collection, Iterable

from django.db.models import Count, Q
from django.db.models.expressions import RawSQL

from awards.eligibility.rows import GrantRow, HoldRow, InitiativeRow, Key, MemberRow, Subject
from awards.models import (
    AnnualRating,
    AwardForm,
    AwardGrant,
    DisciplinaryRecord,
    EmulationTitle,
    Initiative,
)
from organizations.models import Person, Unit

_UNIT_TABLE = Unit._meta.db_table
# Walk up the unit tree from the seed ids; works on PostgreSQL and SQLite.
_ANCESTORS_SQL = f"""
WITH RECURSIVE up(id, parent_id) AS (
    SELECT id, parent_id FROM {_UNIT_TABLE} WHERE id IN ({{placeholders}})
    UNION
    SELECT parent.id, parent.parent_id FROM {_UNIT_TABLE} parent JOIN up ON parent.id = up.parent_id
)
SELECT id FROM up
"""  # noqa: S608 - the table name comes from model metadata, values are bound parameters


def catalog() -> dict[str, EmulationTitle | AwardForm]:
    """Every title and form by code (two small queries)."""
    return {
        **{title.code: title for title in EmulationTitle.objects.all()},
        **{form.code: form for form in AwardForm.objects.all()},
    }


def units_with_ancestors(unit_ids: Collection[int]) -> dict[int, Unit]:
    """The units with these ids and every unit above them, by id (one recursive query)."""
    if not unit_ids:
        return {}
    ids = sorted(unit_ids)
    sql = _ANCESTORS_SQL.format(placeholders=", ".join(["%s"] * len(ids)))
    ancestors = RawSQL(sql, ids)  # noqa: S611 - constant SQL, bound parameters
    return {unit.pk: unit for unit in Unit.objects.filter(pk__in=ancestors)}


def members(unit_ids: Collection[int]) -> dict[int, list[MemberRow]]:
    """The people recorded in each unit, by unit id, in name order."""
    rows = (
        Person.objects.filter(unit_id__in=unit_ids)
        .order_by("full_name", "pk")
        .values_list("pk", "unit_id", "full_name")
    )
    grouped: dict[int, list[MemberRow]] = defaultdict(list)
    for pk, unit_id, name in rows:
        grouped[unit_id].append(MemberRow(pk, name))
    return dict(grouped)


def grants(
    *,
    awards: dict[str, EmulationTitle | AwardForm],
    people: Collection[int],
    units: Collection[int],
    households: Collection[int],
    window: tuple[int, int],
    codes: Collection[str] | None,
    held_forms: Collection[str],
) -> dict[Key, list[GrantRow]]:
    """Grants to these recipients for the years of ``window`` (revoked ones too, marked), and
    grants of ``held_forms`` for any year up to the window's end; only ``codes`` when given."""
    start, end = window
    recipients = Q(person_id__in=people) | Q(unit_id__in=units) | Q(household_id__in=households)
    held = Q(form_id__in=_ids(awards, held_forms, AwardForm))
    rows = AwardGrant.objects.filter(recipients).filter(
        Q(year__gte=start, year__lte=end) | (held & Q(year__lte=end))
    )
    if codes is not None:
        rows = rows.filter(
            Q(title_id__in=_ids(awards, codes, EmulationTitle))
            | Q(form_id__in=_ids(awards, codes, AwardForm))
        )
    title_codes = {a.pk: a.code for a in awards.values() if isinstance(a, EmulationTitle)}
    form_codes = {a.pk: a.code for a in awards.values() if isinstance(a, AwardForm)}
    grouped: dict[Key, list[GrantRow]] = defaultdict(list)
    for row in rows.order_by().values_list(
        "pk",
        "person_id",
        "unit_id",
        "household_id",
        "title_id",
        "form_id",
        "year",
        "achievement",
        "revoked",
        "decision__number",
    ):
        pk, person, unit, household, title, form, year, achievement, revoked, number = row
        code = title_codes[title] if title else form_codes[form]
        key = _key(person, unit, household)
        grouped[key].append(GrantRow(pk, code, year, achievement, revoked, number or ""))
    return dict(grouped)


def ratings(
    *, people: Collection[int], units: Collection[int], window: tuple[int, int]
) -> dict[Key, dict[int, str]]:
    """Annual ratings of these people and collectives in ``window``: key → {year: rating}."""
    start, end = window
    rows = AnnualRating.objects.filter(
        Q(person_id__in=people) | Q(unit_id__in=units), year__gte=start, year__lte=end
    )
    grouped: dict[Key, dict[int, str]] = defaultdict(dict)
    for person, unit, year, rating in rows.order_by().values_list(
        "person_id", "unit_id", "year", "rating"
    ):
        grouped[_key(person, unit, None)][year] = rating
    return dict(grouped)


def holds(*, people: Collection[int], until: datetime.date) -> dict[int, list[HoldRow]]:
    """Discipline, investigations and complaints of these people that began by ``until``."""
    rows = DisciplinaryRecord.objects.filter(person_id__in=people, starts_on__lte=until)
    grouped: dict[int, list[HoldRow]] = defaultdict(list)
    for person, *fields in rows.order_by("starts_on", "pk").values_list(
        "person_id", "kind", "level", "starts_on", "ends_on"
    ):
        grouped[person].append(HoldRow(*fields))
    return dict(grouped)


def initiatives(
    *, people: Collection[int], window: tuple[int, int]
) -> dict[int, list[InitiativeRow]]:
    """Initiatives these people (co-)authored, recognised in ``window``, by person id."""
    start, end = window
    links = Initiative.authors.through.objects.filter(
        person_id__in=people, initiative__year__gte=start, initiative__year__lte=end
    )
    grouped: dict[int, list[InitiativeRow]] = defaultdict(list)
    for person, pk, title, level, year, used_for, used_revoked in links.order_by(
        "initiative__year", "initiative_id"
    ).values_list(
        "person_id",
        "initiative_id",
        "initiative__title",
        "initiative__level",
        "initiative__year",
        "initiative__used_for_id",
        "initiative__used_for__revoked",
    ):
        used = used_for is not None and not used_revoked
        grouped[person].append(InitiativeRow(pk, title, level, year, used))
    return dict(grouped)


def scope_counts(
    *,
    awards: dict[str, EmulationTitle | AwardForm],
    subjects: Iterable[Subject],
    year: int,
    codes: Collection[str],
) -> dict[tuple[str, int, str], int]:
    """Grants of ``codes`` for ``year``, not revoked, counted per scope of the nominees: the
    people of a person's unit, the collectives under a collective's parent unit, the households
    of a household's unit. Key: (recipient kind, scope unit id, code)."""
    scopes: dict[str, set[int]] = defaultdict(set)
    for subject in subjects:
        if subject.scope_id is not None:
            scopes[subject.kind].add(subject.scope_id)
    rows = (
        AwardGrant.objects.filter(year=year, revoked=False)
        .filter(
            Q(title_id__in=_ids(awards, codes, EmulationTitle))
            | Q(form_id__in=_ids(awards, codes, AwardForm))
        )
        .filter(
            Q(person__unit_id__in=scopes["individual"])
            | Q(unit__parent_id__in=scopes["collective"])
            | Q(household__unit_id__in=scopes["household"])
        )
        .order_by()
        .values_list("person__unit_id", "unit__parent_id", "household__unit_id", "title", "form")
        .annotate(count=Count("pk"))
    )
    by_pk = {(type(a), a.pk): a.code for a in awards.values()}
    counts: dict[tuple[str, int, str], int] = {}
    for person_unit, unit_parent, household_unit, title, form, count in rows:
        code = by_pk[(EmulationTitle, title)] if title else by_pk[(AwardForm, form)]
        if person_unit is not None:
            key = ("individual", person_unit, code)
        elif unit_parent is not None:
            key = ("collective", unit_parent, code)
        else:
            key = ("household", household_unit, code)
        counts[key] = counts.get(key, 0) + count
    return counts


def _ids(awards: dict, codes: Iterable[str], model: type) -> list[int]:
    return [awards[code].pk for code in codes if isinstance(awards.get(code), model)]


def _key(person: int | None, unit: int | None, household: int | None) -> Key:
    if person is not None:
        return ("individual", person)
    if unit is not None:
        return ("collective", unit)
    return ("household", household)
