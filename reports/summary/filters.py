"""The choices of the annual summary page (django-filter).

The summary is not a list, so ``SummaryFilter`` is used for its form: it validates the year,
the council, the cluster and the unit a request names (of the page, or of an export:
reports/summary/rules.py ``summary_scope``) and renders the page's selects. Each object is
looked up among those the user can see, so naming another is "not found".
"""

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from campaigns.models import Cluster
from campaigns.selectors import clusters_visible_to
from organizations.models import Council, Membership, Unit
from organizations.selectors import units_visible_to
from reports.summary.selectors import area_of, councils_for_summary

FIRST_YEAR, LAST_YEAR = 1945, 2100
OBJECT_FIELDS = ("council", "cluster", "unit")
EMPTY_CHOICE = ("", "---------")


class YearFilter(django_filters.NumberFilter):
    """A whole year (the number filter's field takes decimals)."""

    field_class = forms.IntegerField


class SummaryFilter(django_filters.FilterSet):
    """Year, council, cluster and unit of the summary; all optional (the missing ones are
    given defaults by ``summary_scope``). ``user`` is required: he is who looks."""

    year = YearFilter(label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR, method="keep_all")
    council = django_filters.ModelChoiceFilter(
        label=_("Council"), queryset=Council.objects.none(), method="keep_all"
    )
    cluster = django_filters.ModelChoiceFilter(
        label=_("Cluster or bloc"), queryset=Cluster.objects.none(), method="keep_all"
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit"), queryset=Unit.objects.none(), method="keep_all"
    )

    class Meta:
        model = Council
        fields = ["year", "council", "cluster", "unit"]

    def __init__(self, data=None, *args, user, **kwargs):
        councils = councils_for_summary(user)
        super().__init__(data, *args, queryset=councils, **kwargs)
        self.user = user
        self.filters["council"].queryset = councils
        self.filters["cluster"].queryset = clusters_visible_to(user).select_related(
            "council__unit", "leader"
        )
        self.filters["unit"].queryset = units_visible_to(user)

    def keep_all(self, queryset: QuerySet, name: str, value) -> QuerySet:
        """The values choose the summary, they filter nothing."""
        return queryset

    def show_choices(self, *, scope, years: list[int]) -> None:
        """Limit what the selects list to what makes sense around ``scope`` (a
        ``SummaryScope``): ``years`` and the scope's year; the clusters of its council and year
        the user can see; the units directly below the council's unit, the user's own units
        in the area and the scope's unit. Other values stay valid when typed in the URL."""
        form = self.form
        shown_years = sorted({*years, scope.year}, reverse=True)
        form.fields["year"].widget = forms.Select(choices=[(y, str(y)) for y in shown_years])
        clusters = (
            self.filters["cluster"]
            .queryset.filter(council=scope.council, year=scope.year)
            .order_by("kind", "number")
        )
        form.fields["cluster"].widget.choices = [
            EMPTY_CHOICE,
            *((c.pk, c.name) for c in clusters),
        ]
        own = Membership.objects.filter(user=self.user).values("unit_id")
        near = Q(parent=scope.council.unit) | Q(pk__in=own)
        if scope.unit is not None:
            near |= Q(pk=scope.unit.pk)
        units = (
            self.filters["unit"]
            .queryset.filter(near, pk__in=area_of(council=scope.council))
            .exclude(pk=scope.council.unit_id)
            .order_by("name", "pk")
        )
        form.fields["unit"].widget.choices = [EMPTY_CHOICE, *((u.pk, u.name) for u in units)]
        form.fields["council"].empty_label = None
