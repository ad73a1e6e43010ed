"""Filters of the secretariat's queue of award dossiers."""

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField

from dossiers.models import Dossier, Round
from dossiers.selectors import councils_managed_by

QUEUE_STATUSES = [choice for choice in Dossier.Status.choices if choice[0] != Dossier.Status.DRAFT]


class UserChoiceField(ModelChoiceField):
    """A user shown family name first ("Trần Thị Lan"), else by username."""

    def label_from_instance(self, obj) -> str:
        return f"{obj.last_name} {obj.first_name}".strip() or obj.get_username()


class AssigneeChoiceFilter(django_filters.ModelChoiceFilter):
    """A secretariat member the queue's dossiers are assigned to."""

    field_class = UserChoiceField


class QueueFilter(django_filters.FilterSet):
    """Filter the queue (``review_queue``) by round, status, assignee and unit name. The rounds
    offered are those of the councils the user manages; the assignees, those of the queue."""

    round = django_filters.ModelChoiceFilter(label=_("Review round"), queryset=None)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=QUEUE_STATUSES)
    assignee = AssigneeChoiceFilter(label=_("Appraised by"), queryset=None)
    unit = django_filters.CharFilter(
        label=_("Unit name contains"), field_name="unit__name", lookup_expr="icontains"
    )

    class Meta:
        model = Dossier
        fields = ["round", "status", "assignee", "unit"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["round"].queryset = Round.objects.filter(
            council__in=councils_managed_by(user)
        ).order_by("-year", "name")
        self.filters["assignee"].queryset = (
            get_user_model()
            .objects.filter(pk__in=self.queryset.values("assignee"))
            .order_by("last_name", "first_name", "username")
        )

    def qs_without(self, name: str) -> QuerySet[Dossier]:
        """The queue filtered by every filter but ``name`` (the status tabs count across
        statuses). Call after ``qs``."""
        queryset = self.queryset.all()
        for field, value in self.form.cleaned_data.items():
            if field != name:
                queryset = self.filters[field].filter(queryset, value)
        return queryset
