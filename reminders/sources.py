"""Where deadlines come from: every dated obligation of the other apps becomes a ``Deadline``
with the units responsible for it, kept in step by ``deadlines_sync`` (run by the dispatcher,
so a change reaches the reminders within one dispatcher period).

- a schedule task of an issued plan: due on its date (or the end of its quarter); its executing
  units owe it (plans/services.py ``link_task_units``); the plan's issuing unit's council
  follows it;
- a registration window of a launched campaign: due on its closing day; the campaign's
  participants owe a registration; an extension granted to a unit's registration moves that
  unit's last day;
- a review round: due on its closing day; the units that must register first (when the round
  requires it: ``registrations.selectors.registered_units``), otherwise the active units
  directly under the council's unit, owe a dossier;
- the cluster documents of a window (son-tay-2020 §5.2: the leader sends the cluster plan, the
  regulation, the scoring criteria, the signed pledge and the consolidated list with the
  registrations): due with the window; the cluster's leader unit owes them, with the cluster
  list's extension.

Deadlines of kind ``OTHER`` are made by the secretariat and never touched here.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from campaigns.models import Campaign, Cluster, ClusterDocument
from dossiers.models import Round
from organizations.models import Council, Unit
from plans.models import Plan, ScheduleTask
from plans.parsing.dates import quarter_end
from registrations.models import ClusterList, Registration, RegistrationWindow
from registrations.selectors import registered_units
from reminders.models import Deadline, DeadlineUnit

Kind = Deadline.Kind


@dataclass(frozen=True)
class Wanted:
    """What a source says a deadline should be: its fields and its responsible units
    (unit id → that unit's extended last day or ``None``)."""

    fields: dict
    units: dict[int, datetime.date | None]


@dataclass
class SyncResult:
    """Counts of one ``deadlines_sync``: deadlines created and changed, responsible units added
    and removed."""

    created: int = 0
    changed: int = 0
    units_added: int = 0
    units_removed: int = 0


def _councils_by_unit() -> dict[int, int]:
    return dict(Council.objects.values_list("unit_id", "pk"))


def _schedule_tasks() -> dict[tuple, Wanted]:
    councils = _councils_by_unit()
    tasks = ScheduleTask.objects.filter(plan__status=Plan.Status.ISSUED).select_related("plan")
    executing = ScheduleTask.executing_units.through.objects.filter(
        scheduletask__plan__status=Plan.Status.ISSUED
    ).values_list("scheduletask_id", "unit_id")
    units: dict[int, dict] = {}
    for task_id, unit_id in executing:
        units.setdefault(task_id, {})[unit_id] = None
    wanted = {}
    for task in tasks:
        due = task.due_date or quarter_end(task.plan.year, task.quarter)
        if due is None:
            continue
        wanted[("schedule_task", task.pk)] = Wanted(
            fields={
                "kind": Kind.SCHEDULE_TASK,
                "schedule_task_id": task.pk,
                "plan_id": task.plan_id,
                "council_id": councils.get(task.plan.issuing_unit_id),
                "title": task.content[:500],
                "due_date": due,
            },
            units=units.get(task.pk, {}),
        )
    return wanted


def _windows() -> list[RegistrationWindow]:
    return list(
        RegistrationWindow.objects.filter(
            campaign__status__in=[Campaign.Status.LAUNCHED, Campaign.Status.ENDED]
        ).select_related("campaign", "schedule_task")
    )


def _registrations(windows: list[RegistrationWindow]) -> dict[tuple, Wanted]:
    participants = Campaign.participants.through.objects.filter(
        campaign_id__in=[w.campaign_id for w in windows]
    ).values_list("campaign_id", "unit_id")
    by_campaign: dict[int, dict] = {}
    for campaign_id, unit_id in participants:
        by_campaign.setdefault(campaign_id, {})[unit_id] = None
    extensions = Registration.objects.filter(
        window__in=windows, extended_until__isnull=False
    ).values_list("window_id", "unit_id", "extended_until")
    extended = {(w, u): day for w, u, day in extensions}
    wanted = {}
    for window in windows:
        units = {
            unit_id: extended.get((window.pk, unit_id))
            for unit_id in by_campaign.get(window.campaign_id, {})
        }
        wanted[("registration", window.pk)] = Wanted(
            fields={
                "kind": Kind.REGISTRATION,
                "registration_window_id": window.pk,
                "plan_id": window.schedule_task.plan_id if window.schedule_task else None,
                "council_id": window.campaign.council_id,
                "title": _("Emulation registration: %(campaign)s")
                % {"campaign": window.campaign.name},
                "due_date": window.closes_on,
            },
            units=units,
        )
    return wanted


def _cluster_documents(windows: list[RegistrationWindow]) -> dict[tuple, Wanted]:
    # A council with several windows in a year: the documents go with its regular campaign's.
    by_council_year: dict[tuple, RegistrationWindow] = {}
    for w in windows:
        key = (w.campaign.council_id, w.campaign.year)
        if key not in by_council_year or w.campaign.kind == Campaign.Kind.REGULAR:
            by_council_year[key] = w
    clusters = Cluster.objects.filter(leader__isnull=False).filter(
        Q(council_id__in={c for c, _y in by_council_year})
        & Q(year__in={y for _c, y in by_council_year})
    )
    lists = ClusterList.objects.filter(window__in=windows, extended_until__isnull=False)
    extended = {(cl.window_id, cl.cluster_id): cl.extended_until for cl in lists}
    wanted = {}
    for cluster in clusters:
        window = by_council_year.get((cluster.council_id, cluster.year))
        if window is None:
            continue
        for kind, label in ClusterDocument.Kind.choices:
            wanted[("cluster_document", cluster.pk, kind)] = Wanted(
                fields={
                    "kind": Kind.CLUSTER_DOCUMENT,
                    "cluster_id": cluster.pk,
                    "document_kind": kind,
                    "plan_id": cluster.plan_id,
                    "council_id": cluster.council_id,
                    "title": f"{label} – {cluster.name}"[:500],
                    "due_date": window.closes_on,
                },
                units={cluster.leader_id: extended.get((window.pk, cluster.pk))},
            )
    return wanted


def _rounds() -> dict[tuple, Wanted]:
    wanted = {}
    for round_ in Round.objects.select_related("council__unit", "plan_deadline"):
        if round_.requires_registration:
            units = registered_units(year=round_.year, council=round_.council)
        else:
            units = Unit.objects.filter(parent=round_.council.unit_id).filter(
                Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=round_.closes_on)
            )
        wanted[("round", round_.pk)] = Wanted(
            fields={
                "kind": Kind.ROUND,
                "round_id": round_.pk,
                "plan_id": round_.plan_deadline.plan_id if round_.plan_deadline else None,
                "council_id": round_.council_id,
                "title": _("Award dossiers: %(round)s") % {"round": round_.name},
                "due_date": round_.closes_on,
            },
            units=dict.fromkeys(units.values_list("pk", flat=True)),
        )
    return wanted


def _key(deadline: Deadline) -> tuple:
    if deadline.kind == Kind.SCHEDULE_TASK:
        return ("schedule_task", deadline.schedule_task_id)
    if deadline.kind == Kind.REGISTRATION:
        return ("registration", deadline.registration_window_id)
    if deadline.kind == Kind.ROUND:
        return ("round", deadline.round_id)
    return ("cluster_document", deadline.cluster_id, deadline.document_kind)


SYNCED_FIELDS = ("title", "due_date", "council_id", "plan_id")


@transaction.atomic
def deadlines_sync() -> SyncResult:
    """Bring the deadlines read from the other apps and their responsible units in step with
    their sources: create the missing ones, update the changed title, due date, council and
    plan, add and remove responsible units, set each unit's extension. A unit's own marking
    done is kept. A handful of queries whatever the number of units; idempotent.

    Titles are stored in Vietnamese, the language of the documents they come from.
    """
    with translation.override("vi"):
        windows = _windows()
        wanted = {
            **_schedule_tasks(),
            **_registrations(windows),
            **_cluster_documents(windows),
            **_rounds(),
        }
    result = SyncResult()
    existing = {_key(d): d for d in Deadline.objects.exclude(kind=Kind.OTHER)}
    new = [Deadline(**w.fields) for key, w in wanted.items() if key not in existing]
    if new:
        # A dispatcher running at the same moment may create the same rows: ignore them.
        Deadline.objects.bulk_create(new, ignore_conflicts=True)
        existing = {_key(d): d for d in Deadline.objects.exclude(kind=Kind.OTHER)}
    result.created = len(new)
    changed = []
    for key, w in wanted.items():
        deadline = existing[key]
        if any(getattr(deadline, f) != w.fields[f] for f in SYNCED_FIELDS):
            for f in SYNCED_FIELDS:
                setattr(deadline, f, w.fields[f])
            changed.append(deadline)
    Deadline.objects.bulk_update(changed, [f.removesuffix("_id") for f in SYNCED_FIELDS])
    result.changed = len(changed)
    _sync_units(existing, wanted, result)
    return result


def _sync_units(existing: dict, wanted: dict, result: SyncResult) -> None:
    ids = {existing[key].pk: w for key, w in wanted.items()}
    # Every synced deadline's units: one no source asks for any more (a cluster without a
    # leader) loses its units, so nobody is reminded of it.
    current = {
        (t.deadline_id, t.unit_id): t
        for t in DeadlineUnit.objects.exclude(deadline__kind=Kind.OTHER).only(
            "pk", "deadline_id", "unit_id", "due_date"
        )
    }
    want_pairs = {
        (deadline_id, unit_id): day
        for deadline_id, w in ids.items()
        for unit_id, day in w.units.items()
    }
    added = DeadlineUnit.objects.bulk_create(
        [
            DeadlineUnit(deadline_id=d, unit_id=u, due_date=day)
            for (d, u), day in want_pairs.items()
            if (d, u) not in current
        ],
        ignore_conflicts=True,
    )
    result.units_added = len(added)
    moved = []
    for pair, target in current.items():
        if pair in want_pairs and target.due_date != want_pairs[pair]:
            target.due_date = want_pairs[pair]
            moved.append(target)
    DeadlineUnit.objects.bulk_update(moved, ["due_date"])
    gone = [t.pk for pair, t in current.items() if pair not in want_pairs]
    result.units_removed = DeadlineUnit.objects.filter(pk__in=gone).delete()[0]
