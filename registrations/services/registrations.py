"""A unit's registration: starting it, saving its lines, submitting it, reviewing it."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.models import AwardForm, EmulationTitle
from campaigns.models import Cluster
from common.audit import APP, AuditTrail, snapshot
from common.data_version import DRAFT_LINES_REFERENCE
from common.text import search_key
from organizations.models import Person, Unit
from registrations.lines import Line, blocking_summary, entry_checks
from registrations.models import Registration, RegistrationEntry, RegistrationWindow
from registrations.services.flow import ACCEPT, RETURN, SUBMIT, late_refusal, transition


@dataclass(frozen=True)
class NewPerson:
    """An individual typed into the form who is not yet on record: created in ``unit``."""

    full_name: str
    unit: Unit
    birth_year: int | None = None
    position: str = ""


@dataclass(frozen=True)
class EntryInput:
    """One line as the form or the import gives it: a collective, an existing person or a new
    one, and the award (a title or a form)."""

    kind: str
    award: EmulationTitle | AwardForm
    collective: Unit | None = None
    person: Person | None = None
    new_person: NewPerson | None = None
    initiative_name: str = ""
    model_name: str = ""


def cluster_of(*, unit: Unit, window: RegistrationWindow) -> Cluster | None:
    """The unit's cluster (or bloc) of the window's council and year, lowest number first:
    one query."""
    campaign = window.campaign
    return (
        Cluster.objects.filter(council_id=campaign.council_id, year=campaign.year, members=unit)
        .order_by("kind", "number")
        .first()
    )


def registration_start(*, window: RegistrationWindow, unit: Unit) -> Registration:
    """The unit's registration for the window, created as an empty draft (routed to the unit's
    cluster of that year) the first time."""
    registration, _created = Registration.objects.get_or_create(
        window=window, unit=unit, defaults={"cluster": lambda: cluster_of(unit=unit, window=window)}
    )
    return registration


def registration_lock_editable(registration: Registration) -> Registration:
    """The registration locked for update (inside a transaction); raises ``ValidationError``
    unless it is a draft or returned."""
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    if not locked.is_editable:
        raise ValidationError(
            _("This registration is “%(status)s” and can no longer be changed.")
            % {"status": locked.get_status_display()},
            code="not_editable",
        )
    return locked


def version_of(registration: Registration) -> str:
    """The registration's version as the form carries it: its last change, to the microsecond."""
    return registration.updated_at.isoformat()


# What ``entries_replace`` writes again on a line it keeps: its place, the reviewer's note kept
# with it, the names of its planned initiative and model.
KEPT_LINE_FIELDS = ["order", "review_note", "initiative_name", "model_name"]

# The audit trail's reference of a saved form; the data version (common/data_version.py) keeps
# its value after such a save.
ENTRIES_REPLACE = DRAFT_LINES_REFERENCE


def _line_content(entry: RegistrationEntry) -> tuple:
    """What a line says (not where it stands): equal contents are the same line."""
    return (
        entry.kind,
        entry.collective_id,
        entry.person_id,
        entry.title_id,
        entry.form_id,
        entry.initiative_name,
        entry.model_name,
    )


def _stale() -> ValidationError:
    return ValidationError(
        _(
            "This registration was changed elsewhere (another window, an Excel import or a "
            "reviewer) after you opened it, so nothing was saved. What you typed is still "
            "on the page: check the lines and save again to replace them."
        ),
        code="stale",
    )


def _claim(registration: Registration, version: str | None) -> Registration:
    """Lock the registration for the rest of the transaction and mark it changed now, in one
    ``UPDATE`` that also checks it is editable and, with ``version``, unchanged since (the row
    lock is the ``UPDATE``'s own). Returns ``registration`` with its new ``updated_at``. Raises
    ``ValidationError``: code ``not_editable`` (``registration_lock_editable``) or ``stale``."""
    claimed = Registration.objects.filter(pk=registration.pk, status__in=Registration.EDITABLE)
    if version is not None:
        try:
            opened = datetime.datetime.fromisoformat(version)
        except ValueError:
            raise _stale() from None
        if opened.tzinfo is None:
            raise _stale()
        claimed = claimed.filter(updated_at=opened)
    now = timezone.now()
    if claimed.update(updated_at=now) != 1:
        registration_lock_editable(registration)  # not editable (or gone): says which
        raise _stale()
    registration.updated_at = now
    return registration


@transaction.atomic
def entries_replace(
    *,
    registration: Registration,
    rows: list[EntryInput],
    version: str | None = None,
    actor=None,
) -> Registration:
    """Save the registration's lines as ``rows`` (in order), replacing the previous ones; new
    people are created in their unit. Reviewers' notes on lines that are still there are kept.

    Only what changed is written (``_matched``): a line still there, or still naming the same
    recipient and award, keeps its row (its place, note and planned initiative and model are
    updated if they changed); the other previous lines are deleted and the other new ones
    inserted. The audit trail records, for ``actor`` (None: the system), the lines removed and
    added, the initiative or model renamed on a kept line, and the people created; a save that
    only moves lines, or changes nothing, records nothing (an autosave every few seconds adds no
    noise).

    ``version`` is ``version_of`` the registration when the form was opened: if it changed
    since (another tab, an Excel import, a reviewer), nothing is saved and ``ValidationError``
    (code ``stale``) says so, so that an old page never wipes newer lines. Only a draft or a
    returned registration can be saved (``ValidationError`` otherwise). The caller has checked
    that every collective and person lies in the registration's unit (the form does). Returns
    the registration with its new ``updated_at``.
    """
    registration = _claim(registration, version)
    previous = list(registration.entries.order_by("order", "pk"))
    notes = {_identity(entry): entry.review_note for entry in previous if entry.review_note}
    # A person typed in as new is created once: the lines already naming him (an earlier save
    # or autosave of this form, or another line of the same save) keep pointing at him.
    typed_in = _people_by_key(previous) if any(row.new_person for row in rows) else {}
    created_people = []
    entries = []
    for order, row in enumerate(rows, start=1):
        person = row.person
        if row.kind == RegistrationEntry.Kind.INDIVIDUAL and person is None:
            new = row.new_person
            candidate = Person(
                full_name=new.full_name.strip(),
                unit=new.unit,
                birth_year=new.birth_year,
                position=new.position.strip(),
            )
            person = typed_in.get(_person_key(candidate))
            if person is None:
                candidate.save()
                created_people.append(candidate)
                person = typed_in[_person_key(candidate)] = candidate
        title = row.award if isinstance(row.award, EmulationTitle) else None
        form = row.award if isinstance(row.award, AwardForm) else None
        collective = row.collective if row.kind == RegistrationEntry.Kind.COLLECTIVE else None
        person = person if row.kind == RegistrationEntry.Kind.INDIVIDUAL else None
        entry = RegistrationEntry(
            registration=registration,
            order=order,
            kind=row.kind,
            collective=collective,
            person=person,
            title=title,
            form=form,
            initiative_name=row.initiative_name.strip(),
            model_name=row.model_name.strip(),
        )
        entry.review_note = notes.get(_identity(entry), "")
        entries.append(entry)
    pairs, added, removed = _matched(previous, entries)
    trail = AuditTrail(actor=actor, source=APP, reference=ENTRIES_REPLACE)
    trail.created(created_people)
    trail.deleted(removed)
    if removed:
        RegistrationEntry.objects.filter(pk__in=[entry.pk for entry in removed]).delete()
    changed = []
    for old, new in pairs:
        before = snapshot(old) if _line_content(old) != _line_content(new) else None
        if any(getattr(old, name) != getattr(new, name) for name in KEPT_LINE_FIELDS):
            for name in KEPT_LINE_FIELDS:
                setattr(old, name, getattr(new, name))
            changed.append(old)
        if before is not None:  # its planned initiative or model renamed (a move is not recorded)
            trail.updated(old, before=before)
    if len(changed) == 1:  # an autosave's usual change: a plain UPDATE costs less to build
        [line] = changed
        values = {name: getattr(line, name) for name in KEPT_LINE_FIELDS}
        RegistrationEntry.objects.filter(pk=line.pk).update(**values)
    elif changed:
        RegistrationEntry.objects.bulk_update(changed, KEPT_LINE_FIELDS)
    RegistrationEntry.objects.bulk_create(added)
    trail.created(added)
    if trail:
        trail.save()
    return registration


def _people_by_key(entries: list[RegistrationEntry]) -> dict[tuple, Person]:
    """The people the lines name, by ``_person_key``: one query (none without people)."""
    ids = {entry.person_id for entry in entries if entry.person_id is not None}
    people = Person.objects.filter(pk__in=ids) if ids else []
    return {_person_key(person): person for person in people}


def _matched(previous: list[RegistrationEntry], entries: list[RegistrationEntry]):
    """Pair the saved lines ``previous`` with the lines to save ``entries``: first those with
    the same content (``_line_content``), then those naming the same recipient and award
    (``_identity``: the planned initiative or model renamed), each line at most once, in
    order. Returns ``(pairs, added, removed)``: ``pairs`` a list of ``(previous line, new
    line)``, ``added`` the new lines without a previous one, ``removed`` the previous lines
    without a new one."""
    pairs, unpaired = [], entries
    for signature in (_line_content, _identity):
        remaining: dict[tuple, list[RegistrationEntry]] = {}
        for entry in previous:
            remaining.setdefault(signature(entry), []).append(entry)
        still = []
        for entry in unpaired:
            same = remaining.get(signature(entry))
            if same:
                pairs.append((same.pop(0), entry))
            else:
                still.append(entry)
        unpaired = still
        previous = [entry for same in remaining.values() for entry in same]
    return pairs, unpaired, previous


def _person_key(person: Person) -> tuple:
    return (person.unit_id, search_key(person.full_name), person.birth_year)


def _identity(entry: RegistrationEntry) -> tuple:
    """Who receives what on the line: its kind, collective or person, title or form."""
    return (entry.kind, entry.collective_id, entry.person_id, entry.title_id, entry.form_id)


def registration_lines(registration: Registration) -> list[Line]:
    """The registration's lines with their findings (``registrations.lines.entry_checks``),
    in order; a fixed number of queries."""
    entries = registration.entries.select_related("collective", "person", "title", "form")
    lines = []
    for entry in entries:
        line = Line(
            nominee=entry.recipient,
            award=entry.award,
            initiative_name=entry.initiative_name,
            model_name=entry.model_name,
            entry=entry,
        )
        lines.append(line)
    return entry_checks(lines=lines, year=registration.window.campaign.year)


def submit_problems(registration: Registration, *, today: datetime.date) -> list[str]:
    """Why the registration cannot be submitted on ``today`` (empty when it can): past its
    last day (the deadline in the message), no line, or a line with a blocking finding."""
    late = late_refusal(last_day=registration.last_day(), today=today)
    if late:
        return [late]
    lines = registration_lines(registration)
    if not lines:
        return [_("Add at least one line before submitting.")]
    return blocking_summary(lines)


@transaction.atomic
def registration_submit(
    *, registration: Registration, actor, today: datetime.date | None = None
) -> Registration:
    """Send the registration to the cluster leader (or the secretariat). Refused with
    ``ValidationError`` listing ``submit_problems``, e.g. "Hạn đăng ký là ngày 28/02/2020 …"
    after the deadline (son-tay-2020 §7: a unit that does not register in time is not
    considered for the year-end awards)."""
    registration = registration_lock_editable(registration)
    problems = submit_problems(registration, today=today or timezone.localdate())
    if problems:
        raise ValidationError(problems, code="cannot_submit")
    return transition(obj=registration, action=SUBMIT, actor=actor)


@transaction.atomic
def registration_return(
    *, registration: Registration, actor, reason: str, notes: dict[int, str] | None = None
) -> Registration:
    """Return a submitted (or accepted, not yet consolidated) registration to its unit with a
    ``reason`` and optional notes on lines (``notes``: entry id → text); the unit edits and
    submits again. Raises ``ValidationError`` without a reason, from another state, or once
    the registration is in a cluster list that was sent to the council. The notes changed are
    recorded in the audit trail."""
    if registration.cluster_list_id and not registration.cluster_list.is_editable:
        raise ValidationError(
            _(
                "This registration is in the cluster list sent to the council; it cannot be "
                "returned now."
            )
        )
    registration = transition(obj=registration, action=RETURN, actor=actor, reason=reason)
    entries = list(registration.entries.all())
    trail = AuditTrail(actor=actor, source=APP, reference="registration_return")
    for entry in entries:
        before = snapshot(entry)
        entry.review_note = (notes or {}).get(entry.pk, "").strip()
        trail.updated(entry, before=before)
    RegistrationEntry.objects.bulk_update(entries, ["review_note"])
    trail.save()
    if registration.cluster_list_id:
        registration.cluster_list = None
        registration.save(update_fields=["cluster_list"])
    return registration


def registration_accept(*, registration: Registration, actor) -> Registration:
    """Accept a submitted registration (cluster leader, or secretariat for a unit outside the
    clusters). Raises ``ValidationError`` from another state."""
    return transition(obj=registration, action=ACCEPT, actor=actor)
