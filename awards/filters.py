"""Filters of the list of award grants (django-filter), shared by the page and its export."""

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from awards.grants import GRANT_ORDER, recipients_in
from awards.models import AwardForm, AwardGrant, EmulationTitle, RecipientKind
from common.text import search_key
from organizations.filters import SelectedUnitMixin, YearFilter
from organizations.selectors import unit_subtree

YEAR_MIN, YEAR_MAX = 1945, 2100


class GrantFilter(SelectedUnitMixin, django_filters.FilterSet):
    """Filter the grants a user may see (``awards.grants.grants_visible_to``) by year, title
    or form (``award``: its catalog code), recipient kind, achievement, unit (``unit``: a unit
    id; its recipients and those of every unit below it), decision number (contains),
    revocation, and the recipient's name (accents ignored).

    ``unit`` only narrows the queryset it is given: a unit the user may not see yields nothing
    (``unit_outside_scope`` tells the export to answer 404). The rows come in
    ``awards.grants.GRANT_ORDER``.
    """

    q = django_filters.CharFilter(label=_("Name"), method="filter_name")
    year = YearFilter(label=_("Year"), min_value=YEAR_MIN, max_value=YEAR_MAX)
    award = django_filters.ChoiceFilter(label=_("Title or form"), choices=(), method="filter_award")
    kind = django_filters.ChoiceFilter(
        label=_("Recipient"), choices=RecipientKind.choices, method="filter_kind"
    )
    achievement = django_filters.ChoiceFilter(
        label=_("Achievement"), choices=AwardGrant.Achievement.choices
    )
    decision = django_filters.CharFilter(
        label=_("Decision number"), field_name="decision__number", lookup_expr="icontains"
    )
    revoked = django_filters.BooleanFilter(label=_("Revoked"))
    unit = django_filters.NumberFilter(
        label=_("Unit"), method="filter_unit", widget=forms.HiddenInput
    )

    class Meta:
        model = AwardGrant
        fields = ["q", "year", "award", "kind", "achievement", "decision", "revoked", "unit"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.filters["award"].extra["choices"] = award_choices()

    @property
    def qs(self) -> QuerySet[AwardGrant]:
        """The filtered grants in the list's order."""
        return super().qs.order_by(*GRANT_ORDER)

    def filter_name(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        key = search_key(value)
        return queryset.filter(
            Q(person__search_name__contains=key)
            | Q(unit__search_name__contains=key)
            | Q(household__search_name__contains=key)
        )

    def filter_award(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(title__code=value) | Q(form__code=value))

    def filter_kind(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        field = {"individual": "person", "collective": "unit", "household": "household"}[value]
        return queryset.filter(**{f"{field}__isnull": False})

    def filter_unit(self, queryset: QuerySet, name: str, value) -> QuerySet:
        top = self.selected_unit
        if top is None:
            return queryset.none()
        return queryset.filter(recipients_in(unit_subtree(unit=top)))


def award_choices() -> list[tuple[str, str]]:
    """Every title, then every form of commendation, in catalog order, as (code, Vietnamese
    name): two queries."""
    titles = EmulationTitle.objects.order_by("order", "code").values_list("code", "name_vi")
    forms_ = AwardForm.objects.order_by("order", "code").values_list("code", "name_vi")
    return [*titles, *forms_]
