"""Everything the engine reads about a batch of nominees, fetched in a fixed number of queries.

``load_history`` runs, whatever the number of nominees: 2 queries for the catalog (titles,
forms), 1 for the units above the nominees (a recursive query), 1 ``rules_in_force`` per
province among them, then one each for the members of collective nominees, the grants, the
ratings, the holds, the initiatives and, when a rule in force has a cap, the counts a cap needs.
A query whose id lists are all empty is not sent.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from awards.eligibility import queries
from awards.eligibility.rows import (
    GrantRow,
    HoldRow,
    InitiativeRow,
    Key,
    MemberRow,
    Nominee,
    Subject,
    subject_of,
)
from awards.models import AwardForm, AwardRule, EmulationTitle
from awards.selectors import rules_in_force
from organizations.models import Unit

# Titles the member conditions of a collective count (Law Art. 27, 28).
ADVANCED_WORKER = "advanced_worker"
GRASSROOTS_FIGHTER = "emulation_fighter_grassroots"
MEMBER_CODES = (ADVANCED_WORKER, GRASSROOTS_FIGHTER)


@dataclass
class History:
    """Pre-loaded records for checking many nominees for ``year`` (see ``load_history``).

    ``start`` is the first year loaded (the widest window of consecutive years among the rules);
    grants of the forms a rule requires to be held (``holds_form``) are loaded for every year up
    to ``year``. ``award_codes`` is None when every award was considered.
    """

    year: int
    start: int
    award_codes: frozenset[str] | None
    awards: dict[str, EmulationTitle | AwardForm]
    units: dict[int, Unit]
    subjects: dict[Key, Subject]
    rules: dict[int | None, dict[str, AwardRule]]
    grants: dict[Key, list[GrantRow]] = field(default_factory=dict)
    ratings: dict[Key, dict[int, str]] = field(default_factory=dict)
    holds: dict[int, list[HoldRow]] = field(default_factory=dict)
    initiatives: dict[int, list[InitiativeRow]] = field(default_factory=dict)
    members: dict[int, list[MemberRow]] = field(default_factory=dict)
    # (recipient kind, scope unit id, award code) → grants that year, not revoked.
    scope_counts: dict[tuple[str, int, str], int] = field(default_factory=dict)

    def subject(self, nominee: Nominee) -> Subject:
        """The loaded subject for ``nominee``; ``ValueError`` if it was not loaded."""
        subject = subject_of(nominee)
        if subject.key not in self.subjects:
            raise ValueError(f"{nominee} is not among the nominees this history was loaded for")
        return subject

    def award(self, award: EmulationTitle | AwardForm | str) -> EmulationTitle | AwardForm:
        """The catalog entry for an award or its code; ``LookupError`` for an unknown code,
        ``ValueError`` for an award this history was not loaded for."""
        code = award if isinstance(award, str) else award.code
        if code not in self.awards:
            raise LookupError(code)
        if self.award_codes is not None and code not in self.award_codes:
            raise ValueError(f"This history was not loaded for the award {code}")
        return self.awards[code]

    def province_id(self, unit_id: int | None) -> int | None:
        """The province above (or equal to) a loaded unit, walking the loaded tree."""
        unit = self.units.get(unit_id) if unit_id is not None else None
        while unit is not None and unit.kind != Unit.Kind.PROVINCE:
            unit = self.units.get(unit.parent_id) if unit.parent_id else None
        return unit.pk if unit is not None else None

    def rules_for(self, subject: Subject) -> dict[str, AwardRule]:
        """The rules in force for ``year`` in the nominee's province, by award code."""
        return self.rules[self.province_id(subject.unit_id)]


def load_history(
    *, nominees: Iterable[Nominee], year: int, award_codes: Iterable[str] | None = None
) -> History:
    """Load what checking ``nominees`` for ``year`` needs (query count: see the module doc).

    ``nominees`` are Person, Unit (collective) and Household instances. ``award_codes`` limits
    the grants loaded to those the rules of these awards refer to; None loads every award.
    """
    subjects = {subject.key: subject for subject in map(subject_of, nominees)}
    codes = frozenset(award_codes) if award_codes is not None else None
    awards = queries.catalog()
    units = queries.units_with_ancestors({s.unit_id for s in subjects.values()})
    history = History(year, year, codes, awards, units, subjects, rules={})
    for province_id in {history.province_id(s.unit_id) for s in subjects.values()}:
        province = units.get(province_id) if province_id is not None else None
        history.rules[province_id] = rules_in_force(year=year, province=province)

    relevant = [
        rule
        for rules in history.rules.values()
        for code, rule in rules.items()
        if codes is None or code in codes
    ]
    scan = list(_walk([rule.criteria for rule in relevant]))
    history.start = year - max([1, *(int(v) for k, v in scan if k == "years")]) + 1
    referred = [v for k, v in scan if k in ("of", "same_year_title", "holds_form")]
    needed = None if codes is None else {*codes, *_flatten(referred), *MEMBER_CODES}
    held_forms = _flatten(v for k, v in scan if k == "holds_form")

    by_kind = defaultdict(set)
    for kind, pk in subjects:
        by_kind[kind].add(pk)
    collectives = by_kind["collective"]
    history.members = queries.members(collectives) if collectives else {}
    member_ids = {row.pk for rows in history.members.values() for row in rows}
    people = by_kind["individual"] | member_ids
    window = (history.start, year)
    history.grants = queries.grants(
        awards=awards,
        people=people,
        units=collectives,
        households=by_kind["household"],
        window=window,
        codes=needed,
        held_forms=held_forms,
    )
    history.ratings = queries.ratings(people=people, units=collectives, window=window)
    history.holds = queries.holds(people=people, until=proposal_period(year)[1])
    history.initiatives = queries.initiatives(people=by_kind["individual"], window=window)
    caps = [rule.criteria["cap"] for rule in relevant if "cap" in rule.criteria]
    if caps:
        cap_codes = {rule.award.code for rule in relevant if "cap" in rule.criteria}
        cap_codes |= {cap["of"] for cap in caps}
        history.scope_counts = queries.scope_counts(
            awards=awards, subjects=subjects.values(), year=year, codes=cap_codes
        )
    return history


def proposal_period(year: int) -> tuple[datetime.date, datetime.date]:
    """The time a proposal for ``year`` is open: the year itself and the following year, in
    which year-end awards are proposed, appraised and decided. A hold overlapping it holds the
    proposal (D152 Art. 4)."""
    return datetime.date(year, 1, 1), datetime.date(year + 1, 12, 31)


def _walk(node: Any) -> Iterator[tuple[str, Any]]:
    """Every (key, value) pair at any depth of criteria dicts and lists."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield key, value
            yield from _walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


def _flatten(values: Iterable[Any]) -> set[str]:
    """Codes from values that are a code or a list of codes."""
    flat: set[str] = set()
    for value in values:
        flat.update([value] if isinstance(value, str) else value)
    return flat
