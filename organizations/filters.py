"""Filters for the unit list (django-filter)."""

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from common.text import search_key
from organizations.models import Unit
from organizations.selectors import unit_subtree


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
