"""The audit trail of data writes: one ``AuditEntry`` per row an import or a service creates,
changes or deletes, written in the same transaction as the rows and in bulk, so that 1,000
imported rows cost a few more queries, not 1,000.

Writes go through services that log (no database triggers: the demo runs on SQLite, production
on PostgreSQL, and the imports insert with ``bulk_create``, which no model signal sees). A
service builds an ``AuditTrail``, tells it what it wrote, and saves it before its transaction
ends::

    trail = AuditTrail(actor=user, source=HISTORY_IMPORT, reference=file_name)
    AwardGrant.objects.bulk_create(grants)  # primary keys set (SQLite ≥ 3.35, PostgreSQL)
    trail.created(grants)
    before = snapshot(nomination)
    nomination.appraisal = "approved"
    nomination.save()
    trail.updated(nomination, before=before)
    trail.save()

What is recorded of a row (``audited_fields``): its concrete, editable fields other than the
primary key and a password; so neither derived copies (``search_name``), automatic timestamps
nor secret keys (all ``editable=False``). A foreign key is recorded as the related row's id,
a file as its stored name. State changes of a workflow are recorded by
``common.services.state_change_record`` instead (who moved what from which state to which).
"""

from collections.abc import Iterable, Mapping
from functools import cache

from django.contrib.admin.utils import NestedObjects
from django.contrib.contenttypes.models import ContentType
from django.db import models, router
from django.db.models.fields.files import FieldFile
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.models import AuditEntry

# Sent by ``AuditTrail.save`` with ``models`` (the set of model classes whose rows the saved
# entries record), ``source`` and ``reference`` (the trail's): bulk writes send no model
# signal, so caches of derived figures listen here.
audit_saved = Signal()

BATCH = 1000  # entries per INSERT (fewer where the database limits bound parameters)

# ``AuditEntry.source`` of each write path, and what the history pages call it.
AWARDS_HISTORY_IMPORT = "import:awards-history"
REGISTRATION_LINES_IMPORT = "import:registration-lines"
PLAN_IMPORT = "import:plan"
ADMIN_IMPORT = "admin-import"
UNITS_LOAD = "command:load_units"
APP = "app"  # a page of the application; ``reference`` names the service
SOURCE_LABELS = {
    AWARDS_HISTORY_IMPORT: _("award history import"),
    REGISTRATION_LINES_IMPORT: _("registration import"),
    PLAN_IMPORT: _("plan import"),
    ADMIN_IMPORT: _("import in the administration"),
    UNITS_LOAD: _("loading of the list of administrative units"),
    APP: _("the application's pages"),
}


def source_label(source: str) -> str:
    """What the interface calls ``source`` (the key itself when it has no label)."""
    return str(SOURCE_LABELS.get(source, source))


@cache
def audited_fields(model: type[models.Model]) -> tuple[models.Field, ...]:
    """The fields of ``model`` an entry records (module docstring)."""
    return tuple(
        field
        for field in model._meta.concrete_fields
        if field.editable
        and not field.primary_key
        and field.name != "password"
        and not isinstance(field, models.BinaryField)
    )


def _value(obj: models.Model, field: models.Field) -> object:
    value = field.value_from_object(obj)
    if isinstance(value, FieldFile):
        return value.name or ""
    return value


def snapshot(obj: models.Model) -> dict[str, object]:
    """The recorded values of ``obj`` now, by field name: take it before changing a row, and
    give it to ``AuditTrail.updated`` after."""
    return {field.name: _value(obj, field) for field in audited_fields(type(obj))}


def changes_between(
    before: Mapping[str, object], after: Mapping[str, object]
) -> dict[str, dict[str, object]]:
    """``{"before": {…}, "after": {…}}`` with the fields whose values differ; empty dicts when
    none does."""
    names = [name for name in after if name in before and before[name] != after[name]]
    return {
        "before": {name: before[name] for name in names},
        "after": {name: after[name] for name in names},
    }


class AuditTrail:
    """The entries of one write (an import, a service call), inserted together by ``save``.

    ``actor`` is the user who acted (None, or an anonymous user, for the system: a command, a
    scheduled task); ``source`` says through what, as a short stable key (``SOURCE_LABELS``);
    ``reference`` what it worked from (the file's name). Rows must have their primary key when
    recorded; a deleted row is recorded before it is deleted.
    """

    def __init__(self, *, actor, source: str, reference: str = "") -> None:
        authenticated = actor is not None and getattr(actor, "is_authenticated", False)
        self.actor = actor if authenticated else None
        self.source = source[:100]
        self.reference = (reference or "")[:255]
        self.entries: list[AuditEntry] = []

    def __len__(self) -> int:
        return len(self.entries)

    def add(self, obj: models.Model, *, action: str, changes: dict) -> None:
        """Record an entry as given: ``action`` one of ``AuditEntry.Action``, ``changes`` as
        ``AuditEntry.changes`` says. Raises ValueError when ``obj`` has no primary key."""
        if obj.pk is None:
            raise ValueError(f"{type(obj).__name__} has no primary key: save it first")
        self.entries.append(
            AuditEntry(
                content_type=ContentType.objects.get_for_model(obj),
                object_id=obj.pk,
                action=action,
                changes=changes,
                actor=self.actor,
                source=self.source,
                reference=self.reference,
            )
        )

    def created(self, objs: Iterable[models.Model]) -> None:
        """Record ``objs`` as created, with their values."""
        for obj in objs:
            self.add(obj, action=AuditEntry.Action.CREATE, changes={"after": snapshot(obj)})

    def updated(
        self,
        obj: models.Model,
        *,
        before: Mapping[str, object] | None,
        after: Mapping[str, object] | None = None,
    ) -> bool:
        """Record that ``obj`` changed from ``before`` (its ``snapshot`` before the change) to
        ``after`` (default: its ``snapshot`` now): the changed fields only. Nothing is recorded
        when no field changed; returns whether an entry was. ``before`` None (not known)
        records every value as after."""
        after = snapshot(obj) if after is None else after
        if before is None:
            changes = {"before": {}, "after": dict(after)}
        else:
            changes = changes_between(before, after)
            if not changes["after"]:
                return False
        self.add(obj, action=AuditEntry.Action.UPDATE, changes=changes)
        return True

    def deleted(self, objs: Iterable[models.Model]) -> None:
        """Record ``objs`` as deleted, with their last values; call it before deleting. Rows
        their deletion cascades to are not recorded: ``deleted_with_cascade`` records those."""
        for obj in objs:
            self.add(obj, action=AuditEntry.Action.DELETE, changes={"before": snapshot(obj)})

    def deleted_with_cascade(self, objs: Iterable[models.Model]) -> None:
        """Record ``objs`` and every row their deletion will remove with them (``CASCADE``
        foreign keys, followed as Django's delete follows them) as deleted; call it before
        deleting. Rows a deletion only updates (``SET_NULL``) are not recorded; many-to-many
        links are not rows of a model of ours."""
        objs = list(objs)
        if not objs:
            return
        collector = NestedObjects(using=router.db_for_write(type(objs[0])))
        collector.collect(objs)
        for model, rows in collector.data.items():
            if not model._meta.auto_created:  # not a many-to-many link table
                self.deleted(sorted(rows, key=lambda row: row.pk))

    def save(self) -> list[AuditEntry]:
        """Insert the entries recorded since the last save (one query per ``BATCH`` where the
        database allows), all stamped now, and send ``audit_saved``; returns them."""
        entries, self.entries = self.entries, []
        now = timezone.now()
        for entry in entries:
            entry.created_at = now
        saved = AuditEntry.objects.bulk_create(entries, batch_size=BATCH)
        if saved:
            models_written = {entry.content_type.model_class() for entry in saved}
            audit_saved.send(
                sender=AuditTrail,
                models=models_written,
                source=self.source,
                reference=self.reference,
            )
        return saved


def record_save(
    obj: models.Model,
    *,
    actor,
    reference: str,
    before: Mapping[str, object] | None = None,
    created: bool = False,
) -> None:
    """Record one row a page's service has just saved (``reference``: the service's name): as
    created, or as updated from ``before`` (its ``snapshot`` before the change; nothing is
    recorded when no field changed). Many-to-many links are not fields of the row."""
    trail = AuditTrail(actor=actor, source=APP, reference=reference)
    if created:
        trail.created([obj])
    else:
        trail.updated(obj, before=before)
    trail.save()
