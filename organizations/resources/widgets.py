"""Widgets for related rows in the admin's Excel/CSV import and export (the plain values are in
``organizations.resources.cells``).

Related rows are named the way people name them, never by a bare database id:

- a unit by its administrative code when it has one, else by its name; a name that several units
  share is written "name [#id]" so the export reads back to the same unit;
- a person or a household by name ("name [#id]" when shared), a council by its unit, a user by
  user name, a title or a form of commendation by its code;
- campaigns, clusters, rounds and plans by their name within the council and year given in other
  columns of the same row (``ScopedLookupWidget``).

``clean`` raises ``ValueError`` with a message for the official (the import preview shows it next
to the row); lookups are cached for the length of one import, renders need no query per row once
the export's queryset has ``select_related`` what is rendered.
"""

import re

from django.db import models
from django.db.models import Count
from django.utils.translation import gettext as _
from import_export import widgets

from common.numbers import whole_number
from common.text import search_key
from organizations.models import Council, Person, Unit
from organizations.resources.cells import cell_text

ID_SUFFIX = re.compile(r"\[#(\d+)\]\s*$")
LIST_SEPARATOR = "; "


class LookupWidget(widgets.Widget):
    """Base of the widgets that name a related row.

    ``clean`` gives the instance (``None`` for an empty cell): "… [#id]" is taken by id, any
    other text by ``find_text``. ``render`` gives the text ``clean`` reads back. A widget is bound
    to its resource (``bind``) so that a scoped subclass can read the other columns of the row.
    """

    model: type[models.Model]

    def __init__(self, model: type[models.Model] | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        if model is not None:
            self.model = model
        self.resource = None
        self._found: dict = {}

    @property
    def what(self) -> str:
        return str(self.model._meta.verbose_name)

    def bind(self, resource) -> None:
        """Give the widget its resource (its other fields clean the scope columns)."""
        self.resource = resource

    def scope(self, row) -> dict:
        """Lookups narrowing the search, read from other columns of ``row``."""
        return {}

    def queryset(self, scope: dict) -> models.QuerySet:
        return self.model._default_manager.filter(**scope)

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return None
        scope = self.scope(row)
        key = (text, tuple((k, getattr(v, "pk", v)) for k, v in scope.items()))
        if key not in self._found:
            self._found[key] = self.find(text, scope)
        return self._found[key]

    def find(self, text: str, scope: dict):
        """The one row ``text`` names within ``scope``; ``ValueError`` for none or several."""
        queryset = self.queryset(scope)
        match = ID_SUFFIX.search(text)
        if match:
            found = queryset.filter(pk=int(match.group(1))).first()
            if found is None:
                raise self.missing(text)
            return found
        return self.find_text(text, queryset)

    def find_text(self, text: str, queryset: models.QuerySet):
        raise self.missing(text)

    def one(self, text: str, candidates: list):
        """The single candidate, or ``ValueError`` for none or several."""
        if len(candidates) == 1:
            return candidates[0]
        if not candidates:
            raise self.missing(text)
        raise ValueError(
            _(
                "More than one %(what)s is named “%(text)s”: write the one you mean as the "
                "export writes it, “name [#number]”."
            )
            % {"what": self.what, "text": text}
        )

    def missing(self, text: str) -> ValueError:
        return ValueError(_("No %(what)s “%(text)s”.") % {"what": self.what, "text": text})

    def label(self, obj) -> str:
        return str(obj)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else self.label(value)


class NamedWidget(LookupWidget):
    """A row named by ``name_field``, folded search on ``search_name`` as a fallback, and written
    "name [#id]" when other rows have the same name (one query per export finds those names)."""

    name_field = "name"
    code_field = ""

    def __init__(self, model: type[models.Model] | None = None, **kwargs) -> None:
        super().__init__(model, **kwargs)
        self._shared_names: set[str] | None = None

    def find_text(self, text: str, queryset: models.QuerySet):
        if self.code_field:
            coded = list(queryset.filter(**{self.code_field: text})[:2])
            if coded:
                return self.one(text, coded)
        named = list(queryset.filter(**{self.name_field: text})[:2])
        if named:
            return self.one(text, named)
        return self.one(text, list(queryset.filter(search_name=search_key(text))[:2]))

    def shared_names(self) -> set[str]:
        if self._shared_names is None:
            self._shared_names = set(
                self.model._default_manager.values(self.name_field)
                .annotate(n=Count("pk"))
                .filter(n__gt=1)
                .values_list(self.name_field, flat=True)
            )
        return self._shared_names

    def label(self, obj) -> str:
        if self.code_field and getattr(obj, self.code_field):
            return getattr(obj, self.code_field)
        name = getattr(obj, self.name_field)
        return f"{name} [#{obj.pk}]" if name in self.shared_names() else name


class UnitWidget(NamedWidget):
    """A unit: its administrative code, else its name (accents and case optional)."""

    model = Unit
    code_field = "code"


class PersonWidget(NamedWidget):
    """A person by full name ("Nguyễn Văn An [#12]" when several people share it)."""

    model = Person
    name_field = "full_name"


class CouncilWidget(LookupWidget):
    """A council named by its unit (code or name), or by its own name."""

    model = Council

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.units = UnitWidget()

    def find_text(self, text: str, queryset: models.QuerySet):
        try:
            unit = self.units.find(text, {})
        except ValueError:
            return self.one(text, list(queryset.filter(name=text)[:2]))
        council = queryset.filter(unit=unit).first()
        if council is None:
            raise ValueError(
                _("%(unit)s has no emulation and commendation council.") % {"unit": unit}
            )
        return council

    def label(self, obj) -> str:
        return self.units.label(obj.unit)


class UserWidget(LookupWidget):
    """A user by user name."""

    def __init__(self, **kwargs) -> None:
        from django.contrib.auth import get_user_model

        super().__init__(get_user_model(), **kwargs)

    def find_text(self, text: str, queryset: models.QuerySet):
        return self.one(text, list(queryset.filter(**{self.model.USERNAME_FIELD: text})[:2]))

    def label(self, obj) -> str:
        return obj.get_username()


class CodeWidget(LookupWidget):
    """A catalog row (title, form of commendation) by its code."""

    def find_text(self, text: str, queryset: models.QuerySet):
        return self.one(text, list(queryset.filter(code=text)[:2]))

    def label(self, obj) -> str:
        return obj.code


class IdWidget(LookupWidget):
    """A row by its number (id), for rows people have no name for (an award grant)."""

    def find_text(self, text: str, queryset: models.QuerySet):
        number = whole_number(text)
        if number is None:
            raise self.missing(text)
        return self.one(text, list(queryset.filter(pk=number)))

    def label(self, obj) -> str:
        return str(obj.pk)


class ScopedLookupWidget(LookupWidget):
    """A row found by its name within what other columns of the same row give.

    ``scope_fields`` maps a lookup of ``model`` to the name of the resource field that gives its
    value: ``{"council": "council", "year": "year"}`` finds a campaign by name among the
    campaigns of the row's council and year.
    """

    name_field = "name"

    def __init__(self, model=None, *, scope_fields: dict[str, str], **kwargs) -> None:
        super().__init__(model, **kwargs)
        self.scope_fields = scope_fields

    def scope(self, row) -> dict:
        values = {}
        for lookup, name in self.scope_fields.items():
            field = self.resource.fields[name]
            if row is None or field.column_name not in row:
                raise ValueError(
                    _("The file has no “%(column)s” column, needed to find the %(what)s.")
                    % {"column": field.column_name, "what": self.what}
                )
            value = field.clean(row)
            if value in (None, ""):
                raise ValueError(
                    _("Fill in “%(column)s” to find the %(what)s.")
                    % {"column": field.column_name, "what": self.what}
                )
            values[lookup] = value
        return values

    def find_text(self, text: str, queryset: models.QuerySet):
        named = list(queryset.filter(**{self.name_field: text})[:2])
        if not named:
            wanted = search_key(text)
            named = [o for o in queryset if search_key(getattr(o, self.name_field)) == wanted]
        return self.one(text, named)

    def label(self, obj) -> str:
        return getattr(obj, self.name_field)


class ViaUnitWidget(ScopedLookupWidget):
    """A row that belongs to a unit (a registration, a dossier) named by that unit, within what
    other columns of the row give (the campaign, the round)."""

    def __init__(self, model=None, *, scope_fields: dict[str, str], **kwargs) -> None:
        super().__init__(model, scope_fields=scope_fields, **kwargs)
        self.units = UnitWidget()

    def find(self, text: str, scope: dict):
        unit = self.units.find(text, {})
        found = self.queryset(scope).filter(unit=unit).first()
        if found is None:
            raise ValueError(
                _("No %(what)s of %(unit)s was found for this row.")
                % {"what": self.what, "unit": unit}
            )
        return found

    def label(self, obj) -> str:
        return self.units.label(obj.unit)


class ManyWidget(widgets.ManyToManyWidget):
    """Several related rows in one cell, separated by semicolons or line breaks, each named as
    ``one`` names it. Renders from the prefetched rows: no query per row."""

    def __init__(self, one: LookupWidget, **kwargs) -> None:
        super().__init__(model=one.model, separator=LIST_SEPARATOR, **kwargs)
        self.one = one

    def bind(self, resource) -> None:
        self.one.bind(resource)

    def clean(self, value, row=None, **kwargs):
        found = []
        for part in re.split(r"[;\n]", cell_text(value)):
            if part.strip():
                obj = self.one.clean(part, row)
                if obj not in found:
                    found.append(obj)
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        items = value.all() if hasattr(value, "all") else value
        return LIST_SEPARATOR.join(self.one.label(o) for o in items)
