"""Forms of the deadline pages: the officer's list filter, marking done and reopening, the
secretariat's reminder times and its own obligations, the outbox filter."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from common.uploads import UploadField
from notifications.models import Delivery
from organizations.models import Council, Unit
from reminders.models import Deadline
from reminders.offsets import parse_offsets

DATE_WIDGET = forms.DateInput(
    format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}
)
OFFSETS_HELP = _(
    "Separate the times with commas, e.g. “-7w, -3w, -1d, 0, +1d”: a minus sign before the "
    "due date, a plus sign after it (overdue), 0 the due date itself; w = working days, "
    "d = calendar days; a number without a letter is counted as chosen below. Leave empty to "
    "use the plan's setting or the default."
)


class ListFilterForm(forms.Form):
    """The officer's list: which states and which period."""

    STATES = (("", _("All")), ("owing", _("Still to do")), ("done", _("Done")))
    PERIODS = (("", _("Recent and upcoming")), ("all", _("All, earlier ones too")))

    state = forms.ChoiceField(label=_("State"), choices=STATES, required=False)
    period = forms.ChoiceField(label=_("Period"), choices=PERIODS, required=False)


class OffsetsField(forms.CharField):
    """A list of reminder times (reminders/offsets.py), kept as typed when it cannot be read."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Reminder times"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("help_text", OFFSETS_HELP)
        kwargs.setdefault("widget", forms.TextInput(attrs={"placeholder": "-7w, -3w, -1d, 0, +1d"}))
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        parse_offsets(value)  # ValidationError naming the first token it cannot read


class DeadlineOffsetsForm(forms.Form):
    """When the units are reminded of one deadline."""

    offsets = OffsetsField()
    counting = forms.ChoiceField(
        label=_("A number without a letter counts"),
        choices=Deadline.Counting.choices,
        initial=Deadline.Counting.WORKING,
    )


class PlanOffsetsForm(forms.Form):
    """When the units are reminded of a plan's deadlines."""

    offsets = OffsetsField(
        help_text=_(
            "Separate the times with commas, e.g. “-7w, -3w, -1d, 0, +1d”: a minus sign before "
            "the due date, a plus sign after it (overdue), 0 the due date itself; w = working "
            "days, d = calendar days. Leave empty to use the default. A deadline's own setting "
            "comes before the plan's."
        )
    )


class MarkDoneForm(forms.Form):
    """The unit says it has done what is due: a note and, if it wants, a file."""

    note = forms.CharField(
        label=_("What the unit did"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("E.g. the number and date of the report sent."),
    )
    file = UploadField(
        label=_("File (optional)"),
        required=False,
        help_text=_("PDF, JPEG, PNG, Word or Excel, at most 20 MB."),
    )


class NoDossierForm(forms.Form):
    """For a review round: the unit has no dossier to send, and says why."""

    note = forms.CharField(
        label=_("Why the unit sends no dossier"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say why the unit sends no dossier in this round.")},
    )


class ReopenForm(forms.Form):
    """Undo a marking done, with the reason."""

    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say why it is not done after all.")},
    )


class CouncilChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Council) -> str:
        return obj.name


class DeadlineCreateForm(forms.Form):
    """An obligation of the council's own for units directly under its unit.

    ``councils`` are those the user belongs to the secretariat of; ``units`` those directly
    under them (each unit's ``parent_id`` says its council's unit). "All units" takes every one
    under the chosen council."""

    council = CouncilChoiceField(label=_("Council"), queryset=Council.objects.none())
    title = forms.CharField(
        label=_("Obligation"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("E.g. “Send the report on the emulation movement of the first half-year”."),
    )
    due_date = forms.DateField(label=_("Due date"), widget=DATE_WIDGET, help_text=_("dd/mm/yyyy"))
    counting = forms.ChoiceField(
        label=_("A number without a letter counts"),
        choices=Deadline.Counting.choices,
        initial=Deadline.Counting.WORKING,
    )
    offsets = OffsetsField()
    all_units = forms.BooleanField(label=_("All units under the council"), required=False)
    units = forms.ModelMultipleChoiceField(
        label=_("Responsible units"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, councils, units, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.councils = list(councils)
        self.unit_list = list(units)
        self.fields["council"].queryset = councils
        if len(self.councils) == 1:
            self.fields["council"].initial = self.councils[0].pk
        self.fields["units"].queryset = units

    def unit_groups(self) -> list[tuple[Council, list]]:
        """The unit checkboxes by council, for the template."""
        chosen = {str(value) for value in (self["units"].value() or [])}
        return [
            (
                council,
                [
                    (unit, str(unit.pk) in chosen)
                    for unit in self.unit_list
                    if unit.parent_id == council.unit_id
                ],
            )
            for council in self.councils
        ]

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        if due < self.today:
            raise ValidationError(_("The due date cannot be before today."))
        return due

    def clean(self):
        data = super().clean()
        council = data.get("council")
        if council is None:
            return data
        under = [unit for unit in self.unit_list if unit.parent_id == council.unit_id]
        if data.get("all_units"):
            data["units"] = under
        else:
            chosen = list(data.get("units") or [])
            outside = [unit.name for unit in chosen if unit.parent_id != council.unit_id]
            if outside:
                self.add_error(
                    "units",
                    _("Not directly under %(council)s: %(units)s.")
                    % {"council": council.name, "units": ", ".join(outside)},
                )
            data["units"] = chosen
        if not data["units"] and "units" not in self.errors:
            self.add_error("units", _("Choose at least one unit."))
        return data


class OutboxFilterForm(forms.Form):
    """Which list of the outbox and which status."""

    TABS = (
        ("reminders", _("Reminders")),
        ("digests", _("Overdue digests")),
        ("mail", _("Other mail")),
    )

    tab = forms.ChoiceField(choices=TABS, required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *Delivery.Status.choices], required=False
    )
