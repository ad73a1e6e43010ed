"""The base of every admin resource (django-import-export): Vietnamese headers, rows matched by a
stable key, errors named by column, and workflow state kept out of imports.

A resource built on ``Resource``:

- writes headers from the fields' verbose names in the user's language and reads a file whose
  headers are in the other language, or are the field names, the same way;
- matches rows by ``Meta.import_id_fields`` (a natural key where the model has one, else the
  id, checked against ``id_scope``), and skips unchanged rows: importing an export again
  changes nothing and says so;
- keeps ``workflow_fields`` out of imports. They are exported, and a file may repeat them, but a
  value that differs from the record's (for a new row: from the state a new record starts in) is
  an error on the row. A status, a submission time, a version, an appraisal, the user who
  created a record change only through the app's services, which record each step in
  ``common.StateChange``; an import that wrote them would bypass the checks and leave no trace;
- reports every problem on the preview as an error of the row and column, before anything is
  saved (``clean_model_instances``: the model's validators and constraints run too);
- records every row it creates, changes or deletes in the audit trail (``AuditedImport``): one
  ``common.AuditEntry`` per row, by the importing user, with the file's name, inserted in bulk
  in the import's transaction; skipped and refused rows, and previews, record nothing.
"""

from collections import OrderedDict

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from import_export.results import RowResult

from common.audit import ADMIN_IMPORT, AuditTrail, snapshot
from common.models import AuditEntry
from common.text import search_key
from organizations.resources.cells import (
    ChoiceWidget,
    DayWidget,
    JSONTextWidget,
    MomentWidget,
    PointsWidget,
    YesNoWidget,
    cell_text,
)
from organizations.resources.widgets import LookupWidget, ManyWidget


class ListField(fields.Field):
    """A many-to-many column (``ManyWidget``): empty for a record not saved yet, whose related
    rows cannot be read (and whose ``str`` may need fields the row has not filled yet)."""

    def get_value(self, instance):
        if instance.pk is None:
            return None
        return super().get_value(instance)


def column(model: type[models.Model], name: str) -> str:
    """The header of ``model``'s field ``name``: its verbose name, capitalised (lazy)."""
    return capfirst(model._meta.get_field(name).verbose_name)


class AuditedImport:
    """Mixed into a ``ModelResource`` (before it): every row a confirmed import creates, changes
    or deletes gets a ``common.AuditEntry`` (source ``common.audit.ADMIN_IMPORT``; by the
    ``user`` and with the ``file_name`` the admin passes to ``import_data``): values of a
    created row, before and after of the changed fields of a changed one, last values of a
    deleted one. A list column (many-to-many) the file has is recorded too, as the sorted ids,
    at one query per list and row written (two for a changed row). The entries are inserted
    together at the end of the import, inside its transaction (a refused import is rolled back
    with them); a preview (``dry_run``) and skipped or refused rows record nothing. Every
    resource of an admin with import must have it (tests/audit)."""

    def import_data(self, dataset, *args, **kwargs):
        # Keep each row's instance (and the copy of a deleted one) in its result.
        kwargs.setdefault("retain_instance_in_row_result", True)
        self.audit_trail = AuditTrail(
            actor=kwargs.get("user"), source=ADMIN_IMPORT, reference=kwargs.get("file_name") or ""
        )
        return super().import_data(dataset, *args, **kwargs)

    def _audited(self, kwargs) -> AuditTrail | None:
        trail = getattr(self, "audit_trail", None)
        return None if kwargs.get("dry_run") else trail

    def _list_values(self, instance, row) -> dict[str, list]:
        """The ids each list column of ``row`` names on ``instance`` now, by field name."""
        return {
            field.attribute: sorted(field.get_value(instance).values_list("pk", flat=True))
            for field in self.get_import_fields()
            if isinstance(field.widget, widgets.ManyToManyWidget)
            and field.attribute
            and field.column_name in row
            and not field.readonly
        }

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        audited = self._audited(kwargs) is not None and not new
        self._lists_before = self._list_values(instance, row) if audited else {}

    def after_import_row(self, row, row_result, **kwargs):
        super().after_import_row(row, row_result, **kwargs)
        trail, instance = self._audited(kwargs), row_result.instance
        if trail is None or instance is None:
            return
        kind = row_result.import_type
        if kind == RowResult.IMPORT_TYPE_DELETE:
            trail.deleted([instance])
        elif kind in (RowResult.IMPORT_TYPE_NEW, RowResult.IMPORT_TYPE_UPDATE):
            after = {**snapshot(instance), **self._list_values(instance, row)}
            if kind == RowResult.IMPORT_TYPE_NEW:
                trail.add(instance, action=AuditEntry.Action.CREATE, changes={"after": after})
            else:
                original = row_result.original
                before = (
                    {**snapshot(original), **getattr(self, "_lists_before", {})}
                    if original is not None
                    else None
                )
                trail.updated(instance, before=before, after=after)

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        trail = self._audited(kwargs)
        if trail is not None:
            trail.save()


class Resource(AuditedImport, resources.ModelResource):
    """A model resource for the admin's import and export (module docstring).

    Subclasses list their columns in ``Meta.fields`` (that is also the column order), declare
    the related rows with the widgets of ``organizations.resources.widgets``, and set:

    - ``workflow_fields``: field names exported but never imported;
    - ``id_scope``: for resources matched by id, the fields an existing row must still have
      (a line's registration): a file from another installation cannot overwrite other rows;
    - ``export_select_related`` / ``export_prefetch_related``: what the export renders, so that
      it needs no query per row;
    - ``new_rows_refused``: why a row that matches no record is an error, for models whose
      records only the app's workflow creates.

    ``self.user`` and ``self.file_name`` are the importing user and file while importing.
    """

    workflow_fields: tuple[str, ...] = ()
    id_scope: tuple[str, ...] = ()
    export_select_related: tuple[str, ...] = ()
    export_prefetch_related: tuple[str, ...] = ()
    new_rows_refused: str = ""

    class Meta:
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        field = super().field_from_django_field(field_name, django_field, readonly)
        if django_field.choices and not django_field.is_relation:
            field.widget = ChoiceWidget(django_field)
        elif isinstance(django_field, models.DateTimeField):
            field.widget = MomentWidget()
        elif isinstance(django_field, models.DateField):
            field.widget = DayWidget()
        elif isinstance(django_field, models.BooleanField):
            field.widget = YesNoWidget()
        elif isinstance(django_field, models.DecimalField):
            field.widget = PointsWidget()
        elif isinstance(django_field, models.JSONField):
            empty = dict if django_field.default is dict else list
            field.widget = JSONTextWidget(empty=empty)
        if field.column_name == field_name:
            field.column_name = capfirst(django_field.verbose_name)
        return field

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        order = list(self._meta.fields or ())
        self.fields = OrderedDict(
            [(n, self.fields[n]) for n in order if n in self.fields]
            + [(n, f) for n, f in self.fields.items() if n not in order]
        )
        declared = type(self).fields
        aliases: dict[str, str] = {}
        for name, field in self.fields.items():
            lazy = declared[name].column_name
            field.column_name = str(lazy)
            aliases[search_key(field.column_name)] = field.column_name
            if name in self.workflow_fields:
                field.readonly = True
            if isinstance(field.widget, LookupWidget | ManyWidget):
                field.widget.bind(self)
        for name, field in self.fields.items():
            lazy = declared[name].column_name
            others = [name, field.attribute or name]
            for language, _label in settings.LANGUAGES:
                with translation.override(language):
                    others.append(str(lazy))
            for other in others:
                aliases.setdefault(search_key(other), field.column_name)
        self.header_aliases = aliases
        self.user = None
        self.file_name = ""
        self.row: dict = {}

    # --- export -------------------------------------------------------------------------------

    def filter_export(self, queryset, **kwargs):
        if self.export_select_related:
            queryset = queryset.select_related(*self.export_select_related)
        if self.export_prefetch_related:
            queryset = queryset.prefetch_related(*self.export_prefetch_related)
        return queryset

    def get_queryset(self):
        return self.filter_export(super().get_queryset())

    # --- import -------------------------------------------------------------------------------

    def before_import(self, dataset, **kwargs):
        """Remember who imports which file and rename the headers given in the other language
        (or as field names) to this language's."""
        self.user = kwargs.get("user")
        self.file_name = kwargs.get("file_name") or ""
        if dataset.headers:
            dataset.headers = [
                self.header_aliases.get(search_key(cell_text(h)), cell_text(h))
                for h in dataset.headers
            ]

    def import_reason(self) -> str:
        """The reason recorded with changes an import makes."""
        if self.file_name:
            return _("Imported from the file %(file)s") % {"file": self.file_name}
        return _("Imported from a file")

    def get_instance(self, instance_loader, row):
        errors = {}
        for name in self.get_import_id_fields():
            field = self.fields[name]
            if field.column_name in row:
                try:
                    field.clean(row)
                except (ValueError, ArithmeticError) as error:
                    errors[field.column_name] = [self._message(error, row, field)]
        if errors:
            raise ValidationError(errors)
        try:
            instance = super().get_instance(instance_loader, row)
        except self._meta.model.MultipleObjectsReturned:
            names = ", ".join(self.fields[n].column_name for n in self.get_import_id_fields())
            raise ValidationError(
                _("Several records match this row (%(columns)s): tell them apart first.")
                % {"columns": names}
            ) from None
        if instance is not None:
            self._check_id_scope(instance, row)
        return instance

    def _check_id_scope(self, instance, row) -> None:
        for name in self.id_scope:
            field = self.fields[name]
            if field.column_name not in row:
                continue
            try:
                given = field.clean(row)
            except (ValueError, ArithmeticError):
                continue  # reported with the row's other errors
            if given is not None and given != field.get_value(instance):
                id_column = self.fields["id"].column_name
                raise ValidationError(
                    {
                        id_column: _(
                            "Number %(id)s belongs to another %(column)s (%(current)s): leave "
                            "“%(id_column)s” empty to add a new row."
                        )
                        % {
                            "id": instance.pk,
                            "column": field.column_name,
                            "current": field.export(instance),
                            "id_column": id_column,
                        }
                    }
                )

    def _message(self, error: Exception, row, field) -> str:
        if isinstance(error, ArithmeticError):
            return _("“%(text)s” is not a number.") % {"text": row.get(field.column_name)}
        return str(error)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        try:
            super().import_field(field, instance, row, is_m2m, **kwargs)
        except ArithmeticError as error:
            raise ValueError(self._message(error, row, field)) from None

    def kept_fields(self, instance) -> tuple[str, ...]:
        """The fields of ``instance`` an import may not change: ``workflow_fields``, and for
        some records more (a deadline kept in step with its source)."""
        return self.workflow_fields

    def import_instance(self, instance, row, **kwargs):
        """Set the row's values on ``instance``; a cell that cannot be read, a list naming an
        unknown row, or a kept field (``kept_fields``) the file changes is an error of its
        column."""
        kept = self.kept_fields(instance)
        writable = {name for name in kept if not self.fields[name].readonly}
        for name in writable:
            self.fields[name].readonly = True
        errors: dict = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        finally:
            for name in writable:
                self.fields[name].readonly = False
        for name, field in self.fields.items():
            if (
                isinstance(field.widget, widgets.ManyToManyWidget)
                and name not in kept
                and not field.readonly
                and field.column_name in row
            ):
                try:
                    field.clean(row)
                except ValueError as error:
                    errors.setdefault(field.attribute, []).append(ValidationError(str(error)))
        for name in kept:
            problem = self._workflow_change(self.fields[name], instance, row)
            if problem:
                errors.setdefault(self.fields[name].attribute, []).append(problem)
        if errors:
            raise ValidationError(errors)

    def _workflow_change(self, field, instance, row) -> ValidationError | None:
        if field.column_name not in row or cell_text(row[field.column_name]) == "":
            return None
        try:
            value = field.clean(row)
            given = str(field.widget.render(value) or "")
        except (ValueError, ArithmeticError):
            value, given = None, cell_text(row[field.column_name])
        current = str(field.export(instance) or "")
        if given == current or (value is not None and value == field.get_value(instance)):
            return None
        if isinstance(field.widget, widgets.ManyToManyWidget) and value is not None:
            stored = field.get_value(instance)
            if {o.pk for o in value} == {o.pk for o in (stored.all() if stored else [])}:
                return None
        return ValidationError(
            _(
                "“%(column)s” is kept by the application and is not imported: it changes only "
                "through the pages that record each step. The file says “%(given)s”, the "
                "record “%(current)s”."
            )
            % {"column": field.column_name, "given": given, "current": current or "—"}
        )

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as error:
            raise self.by_column(error) from None

    def by_column(self, error: ValidationError) -> ValidationError:
        """``error`` with its messages keyed by column header instead of model field."""
        if not hasattr(error, "error_dict"):
            return error
        keyed: dict[str, list[str]] = {}
        for key, messages in error.message_dict.items():
            keyed.setdefault(self._column_of(key), []).extend(messages)
        return ValidationError(keyed)

    def _column_of(self, key: str) -> str:
        if key == NON_FIELD_ERRORS:
            return key
        for field in self.fields.values():
            if key in (field.attribute, f"{field.attribute}_id", field.column_name):
                return field.column_name
        return key

    def save_instance(self, instance, is_create, row, **kwargs):
        self.row = row
        try:
            super().save_instance(instance, is_create, row, **kwargs)
        except ValidationError as error:
            raise self.by_column(error) from None

    def cleaned(self, name: str):
        """The cleaned value of field ``name`` in the row being saved; ``None`` when the file
        has no such column (for a list: leave it as it is)."""
        field = self.fields[name]
        return field.clean(self.row) if field.column_name in self.row else None

    @staticmethod
    def adopt(instance: models.Model, saved: models.Model) -> None:
        """Copy what a service saved (a fresh instance) onto the row's ``instance``."""
        for f in instance._meta.concrete_fields:
            setattr(instance, f.attname, getattr(saved, f.attname))
        instance._state.adding = False
        instance._state.db = saved._state.db

    def init_instance(self, row=None):
        if self.new_rows_refused:
            raise ValidationError(
                _("This row matches no record, and an import does not add one here: %(why)s")
                % {"why": self.new_rows_refused}
            )
        return super().init_instance(row)
