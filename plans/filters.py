"""Filters for the plan list."""

import django_filters
from django.utils.translation import gettext_lazy as _

from organizations.models import Unit
from plans.models import Plan


class PlanFilter(django_filters.FilterSet):
    """Filter by year, issuing unit (among the plans the user sees) and status."""

    year = django_filters.NumberFilter(label=_("Year"))
    issuing_unit = django_filters.ModelChoiceFilter(label=_("Issuing unit"), queryset=None)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Plan.Status.choices)

    class Meta:
        model = Plan
        fields = ["year", "issuing_unit", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        unit_ids = self.queryset.values("issuing_unit")
        self.filters["issuing_unit"].queryset = Unit.objects.filter(pk__in=unit_ids)
