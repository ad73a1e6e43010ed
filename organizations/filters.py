"""Filters for the unit list and the people list (django-filter)."""

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from common.text import search_key
from organizations.models import Person, Unit
from organizations.selectors import unit_subtree, units_visible_to


class UnitFilter(django_filters.FilterSet):
    """Search by name without diacritics, filter by kind and by a unit above (``under``).

    ``under`` only narrows the queryset it is given, which is already limited to the units the
    user may see, so naming a unit outside that scope yields nothing.
    """

    q = django_filters.CharFilter(label=_("Name"), method="filter_name")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Unit.Kind.choices)
    under = django_filters.NumberFilter(label=_("Under unit"), method="filter_under")
    active = django_filters.BooleanFilter(
        label=_("Still exists"), field_name="dissolved_on", lookup_expr="isnull"
    )

    class Meta:
        model = Unit
        fields = ["q", "kind", "under", "active"]

    def filter_name(self, queryset: QuerySet[Unit], name: str, value: str) -> QuerySet[Unit]:
        return queryset.filter(search_name__contains=search_key(value))

    def filter_under(self, queryset: QuerySet[Unit], name: str, value) -> QuerySet[Unit]:
        # Look the top unit up in the unfiltered scope: other filters (kind) may exclude it.
        top = self.queryset.filter(pk=value).first()
        if top is None:
            return queryset.none()
        return queryset.filter(pk__in=unit_subtree(unit=top).values("pk")).exclude(pk=top.pk)


class SelectedUnitMixin:
    """For a FilterSet built with ``user=`` whose ``unit`` filter names a unit by id: the unit,
    looked up among those the user may see."""

    @property
    def selected_unit(self) -> Unit | None:
        """The unit of the ``unit`` filter when the user may see it, else None (after
        validation; one query, cached)."""
        if not hasattr(self, "_selected_unit"):
            value = self.form.cleaned_data.get("unit")
            self._selected_unit = (
                units_visible_to(self.user).filter(pk=int(value)).first()
                if value is not None
                else None
            )
        return self._selected_unit

    def unit_outside_scope(self) -> bool:
        """A unit was named that the user may not see (after validation)."""
        return self.form.cleaned_data.get("unit") is not None and self.selected_unit is None


class YearFilter(django_filters.NumberFilter):
    """A year: a whole number (not the decimal ``NumberFilter`` takes)."""

    field_class = forms.IntegerField


class PersonFilter(SelectedUnitMixin, django_filters.FilterSet):
    """Filter the people a user may see (``people_visible_to``) by name (accents ignored),
    birth year, gender, position (contains) and unit (``unit``: a unit id; its people and
    those of every unit below it). A unit the user may not see yields nobody. Rows by name."""

    q = django_filters.CharFilter(label=_("Name"), method="filter_name")
    birth_year = YearFilter(label=_("Birth year"), min_value=1900, max_value=2100)
    gender = django_filters.ChoiceFilter(label=_("Gender"), choices=Person.Gender.choices)
    position = django_filters.CharFilter(label=_("Position"), lookup_expr="icontains")
    unit = django_filters.NumberFilter(
        label=_("Unit"), method="filter_unit", widget=forms.HiddenInput
    )

    class Meta:
        model = Person
        fields = ["q", "birth_year", "gender", "position", "unit"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    @property
    def qs(self) -> QuerySet[Person]:
        """The filtered people by name, then id."""
        return super().qs.order_by("full_name", "pk")

    def filter_name(self, queryset: QuerySet[Person], name: str, value: str) -> QuerySet[Person]:
        return queryset.filter(search_name__contains=search_key(value))

    def filter_unit(self, queryset: QuerySet[Person], name: str, value) -> QuerySet[Person]:
        top = self.selected_unit
        if top is None:
            return queryset.none()
        return queryset.filter(unit__in=unit_subtree(unit=top))
