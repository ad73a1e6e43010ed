"""Reads of the unit officer's pages: his rounds and dossiers, a dossier's documents with their
older versions, the secretariat's last comments, the versions with their diffs, and the nominees
a dossier may name. Every list starts from what the user may see (dossiers/selectors/core.py).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Max, QuerySet

from awards.models import AwardForm, AwardGrant, EmulationTitle, Household
from dossiers.checklist import ChecklistItem, dossier_checklist, uploads_by_item
from dossiers.models import Attachment, Dossier, DossierVersion, Nomination, ReviewComment, Round
from dossiers.selectors.core import councils_overseen_by, dossiers_visible_to, rounds_open_to
from dossiers.versions import VersionDiff, versions_diff
from organizations.models import Membership, Person, Unit
from organizations.selectors import officer_unit_ids, unit_subtree, units_visible_to


@dataclass
class RoundEntry:
    """One of the officer's units in an open round, with its dossier there (None: not started)."""

    unit: Unit
    dossier: Dossier | None


@dataclass
class OpenRound:
    """A round open to the officer today and, per unit of his under its council, the dossier."""

    round: Round
    entries: list[RoundEntry] = field(default_factory=list)


def _ancestry(units: list[Unit]) -> dict[int, set[int]]:
    """``{unit id: ids of the unit and every unit above it}``: one query per tree level."""
    parents = {unit.pk: unit.parent_id for unit in units}
    frontier = {p for p in parents.values() if p is not None} - set(parents)
    while frontier:
        rows = dict(Unit.objects.filter(pk__in=frontier).values_list("pk", "parent_id"))
        parents.update(rows)
        frontier = {p for p in rows.values() if p is not None} - set(parents)
    ancestry = {}
    for unit in units:
        chain, current = set(), unit.pk
        while current is not None and current not in chain:
            chain.add(current)
            current = parents.get(current)
        ancestry[unit.pk] = chain
    return ancestry


def open_rounds_for(*, user, today: datetime.date) -> list[OpenRound]:
    """The rounds open to the user's officer units on ``today`` (``rounds_open_to``), each with
    the units he is an officer of that send dossiers to its council and their dossiers there.
    A fixed number of queries however many rounds and dossiers (one more per tree level)."""
    units = list(Unit.objects.filter(pk__in=officer_unit_ids(user)).order_by("name", "pk"))
    if not units:
        return []
    rounds = list(rounds_open_to(user, today=today).order_by("closes_on", "name", "pk"))
    ancestry = _ancestry(units)
    dossiers = {
        (d.round_id, d.unit_id): d
        for d in Dossier.objects.filter(round__in=[r.pk for r in rounds], unit__in=units)
    }
    found = []
    for round_ in rounds:
        entries = [
            RoundEntry(unit, dossiers.get((round_.pk, unit.pk)))
            for unit in units
            if round_.council.unit_id in ancestry[unit.pk]
        ]
        if entries:
            found.append(OpenRound(round_, entries))
    return found


def unit_dossiers(*, user) -> QuerySet[Dossier]:
    """The dossiers of the user's officer units (and the units below them), newest first, with
    unit, round and council loaded."""
    own = units_visible_to(user, roles=(Membership.Role.UNIT_OFFICER,))
    return (
        dossiers_visible_to(user)
        .filter(unit__in=own)
        .select_related("unit", "round__council")
        .order_by("-round__year", "round__closes_on", "unit__name", "pk")
    )


def oversees_any_council(*, user) -> bool:
    """Whether the user is in the secretariat, an admin or a member of some council."""
    return user.is_superuser or councils_overseen_by(user).exists()


def last_return_comments(*, dossier: Dossier) -> list[ReviewComment]:
    """The secretariat's item comments of the latest returned version, in order."""
    last = dossier.comments.aggregate(top=Max("version"))["top"]
    if last is None:
        return []
    return list(dossier.comments.filter(version=last).select_related("nomination"))


@dataclass(frozen=True)
class VersionRow:
    """A submitted version and what changed from the previous one (None for the first)."""

    version: DossierVersion
    diff: VersionDiff | None


def version_rows(*, dossier: Dossier) -> list[VersionRow]:
    """Every version of the dossier, oldest first, with its diff from the previous one."""
    versions = list(dossier.versions.select_related("submitted_by").order_by("number"))
    rows, previous = [], None
    for version in versions:
        diff = versions_diff(previous.snapshot, version.snapshot) if previous else None
        rows.append(VersionRow(version, diff))
        previous = version
    return rows


@dataclass(frozen=True)
class NomineeChoices:
    """What a dossier's nomination may name: people, collectives and households of the dossier's
    unit and the units below it, and the round's titles and forms."""

    people: QuerySet[Person]
    collectives: QuerySet[Unit]
    households: QuerySet[Household]
    titles: QuerySet[EmulationTitle]
    forms: QuerySet[AwardForm]


def nominee_choices(*, dossier: Dossier) -> NomineeChoices:
    """The nominees and awards a nomination form of ``dossier`` offers (lazy querysets)."""
    units = unit_subtree(unit=dossier.unit)
    return NomineeChoices(
        people=Person.objects.filter(unit__in=units).select_related("unit"),
        collectives=units.order_by("name", "pk"),
        households=Household.objects.filter(unit__in=units).select_related("unit"),
        titles=dossier.round.titles.order_by("order", "code"),
        forms=dossier.round.forms.order_by("order", "code"),
    )


def nominees_visible_to(user) -> NomineeChoices:
    """Every nominee the user may see (people, units, households) and every title and form of
    the catalog: what a posted nomination may name before the service checks it against the
    dossier's unit and round, so that its refusal says why."""
    units = units_visible_to(user)
    return NomineeChoices(
        people=Person.objects.filter(unit__in=units).select_related("unit"),
        collectives=units,
        households=Household.objects.filter(unit__in=units).select_related("unit"),
        titles=EmulationTitle.objects.all(),
        forms=AwardForm.objects.all(),
    )


@dataclass(frozen=True)
class ChecklistRow:
    """A document of the checklist with its current upload (``item.current``) and the older
    uploads, newest first."""

    item: ChecklistItem
    older: list[Attachment]


def checklist_rows(*, dossier: Dossier) -> list[ChecklistRow]:
    """The dossier's checklist (dossiers/checklist.py) with every version of each document."""
    uploads = uploads_by_item(dossier)
    return [
        ChecklistRow(
            item,
            uploads.get((item.component, item.nomination.pk if item.nomination else None), [])[1:],
        )
        for item in dossier_checklist(dossier, uploads=uploads)
    ]


@dataclass(frozen=True)
class LineChange:
    """A nomination kept from one version to the next with fields changed: (label, before,
    after) per field."""

    nominee: str
    award: str
    fields: list[tuple[str, str, str]]


@dataclass(frozen=True)
class DiffView:
    """A ``VersionDiff`` as a page shows it: changed nominations with readable values."""

    diff: VersionDiff
    changed: list[LineChange]

    @property
    def is_empty(self) -> bool:
        return self.diff.is_empty


def diff_view(diff: VersionDiff) -> DiffView:
    """``diff`` with the changed fields named and the achievements in words."""
    achievements = dict(AwardGrant.Achievement.choices)
    labels = {
        "achievement": Nomination._meta.get_field("achievement").verbose_name,
        "summary": Nomination._meta.get_field("summary").verbose_name,
    }

    def shown(name: str, value) -> str:
        return str(achievements.get(value, value)) if name == "achievement" else str(value or "")

    changed = [
        LineChange(
            after["nominee"],
            after["award"],
            [(str(labels[f]), shown(f, before.get(f)), shown(f, after.get(f))) for f in fields],
        )
        for before, after, fields in diff.changed
    ]
    return DiffView(diff, changed)
