"""Forms of the secretariat's pages: a round, taking a dossier, verdicts and the return."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from awards.models import AwardForm, EmulationTitle
from dossiers.checklist import ChecklistItem
from dossiers.models import Nomination, Round
from plans.models import Deadline

DATE_HELP = _("dd/mm/yyyy")


class DeadlineChoiceField(forms.ModelChoiceField):
    """A plan's deadline shown with its plan, due date and obligation."""

    def label_from_instance(self, obj: Deadline) -> str:
        return f"{obj.plan} · {obj.due_date:%d/%m/%Y} – {obj.text[:120]}"


class RoundForm(forms.Form):
    """A round of a council: what it accepts, how its closing day is set (a date, a plan's
    deadline, or working days before the ceremony), late dossiers, disclosure window. The
    council is chosen only when the round is created."""

    DATE, PLAN, CEREMONY = "date", "plan", "ceremony"
    CLOSING_CHOICES = [
        (DATE, _("On a date")),
        (PLAN, _("On the plan's deadline")),
        (CEREMONY, _("Working days before the ceremony")),
    ]

    council = forms.ModelChoiceField(label=_("Receiving council"), queryset=None)
    name = forms.CharField(label=_("Name"), max_length=255)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    titles = forms.ModelMultipleChoiceField(
        label=_("Emulation titles"),
        queryset=EmulationTitle.objects.order_by("order", "code"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    award_forms = forms.ModelMultipleChoiceField(
        label=_("Forms of commendation"),
        queryset=AwardForm.objects.order_by("order", "code"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    opens_on = forms.DateField(
        label=_("Opens on"), required=False, help_text=_("dd/mm/yyyy. Blank: 1 January.")
    )
    closing = forms.ChoiceField(
        label=_("Closing day"), choices=CLOSING_CHOICES, initial=DATE, widget=forms.RadioSelect
    )
    closes_on = forms.DateField(label=_("Closes on"), required=False, help_text=DATE_HELP)
    plan_deadline = DeadlineChoiceField(label=_("Plan deadline"), queryset=None, required=False)
    ceremony_on = forms.DateField(label=_("Ceremony on"), required=False, help_text=DATE_HELP)
    working_days_before = forms.IntegerField(
        label=_("Working days before the ceremony"), min_value=0, max_value=60, required=False
    )
    late_policy = forms.ChoiceField(label=_("Late dossiers"), choices=Round.LatePolicy.choices)
    requires_registration = forms.BooleanField(
        label=_("Units must have registered for the year"), required=False
    )
    disclosure_starts_on = forms.DateField(
        label=_("Public from"), required=False, help_text=DATE_HELP
    )
    disclosure_ends_on = forms.DateField(
        label=_("Public until"), required=False, help_text=DATE_HELP
    )

    def __init__(self, *args, councils: QuerySet, instance: Round | None = None, **kwargs):
        if instance is not None:
            kwargs.setdefault("initial", round_initial(instance))
        super().__init__(*args, **kwargs)
        self.instance = instance
        self.fields["council"].queryset = councils
        self.fields["plan_deadline"].queryset = (
            Deadline.objects.filter(plan__issuing_unit__in=councils.values("unit"))
            .select_related("plan")
            .order_by("-due_date", "pk")
        )
        if instance is not None:
            del self.fields["council"]

    def clean(self):
        data = super().clean()
        closing = data.get("closing")
        if closing == self.DATE and not data.get("closes_on"):
            self.add_error("closes_on", _("Give the closing day."))
        if closing == self.PLAN and not data.get("plan_deadline"):
            self.add_error("plan_deadline", _("Choose the plan's deadline."))
        if closing == self.CEREMONY:
            if not data.get("ceremony_on"):
                self.add_error("ceremony_on", _("Give the ceremony day."))
            if data.get("working_days_before") is None:
                self.add_error("working_days_before", _("Give the number of working days."))
        starts, ends = data.get("disclosure_starts_on"), data.get("disclosure_ends_on")
        if ends and not starts:
            self.add_error("disclosure_starts_on", _("Give the first day of the disclosure."))
        if starts and ends and ends < starts:
            self.add_error("disclosure_ends_on", _("The disclosure cannot end before it starts."))
        return data

    def round_kwargs(self) -> dict:
        """The keyword arguments of ``round_save`` (without council and actor); only the
        fields of the chosen way of closing are kept."""
        data = self.cleaned_data
        closing = data["closing"]
        ceremony = closing == self.CEREMONY
        return {
            "titles": data["titles"],
            "forms": data["award_forms"],
            "name": data["name"],
            "year": data["year"],
            "opens_on": data.get("opens_on"),
            "closes_on": data.get("closes_on") if closing == self.DATE else None,
            "plan_deadline": data.get("plan_deadline") if closing == self.PLAN else None,
            "ceremony_on": data.get("ceremony_on") if ceremony else None,
            "working_days_before": data.get("working_days_before") if ceremony else None,
            "late_policy": data["late_policy"],
            "requires_registration": data["requires_registration"],
            "disclosure_starts_on": data.get("disclosure_starts_on"),
            "disclosure_ends_on": data.get("disclosure_ends_on"),
        }


def round_initial(round_: Round) -> dict:
    """The round's values as the form's initial data."""
    if round_.ceremony_on and round_.working_days_before is not None:
        closing = RoundForm.CEREMONY
    elif round_.plan_deadline_id:
        closing = RoundForm.PLAN
    else:
        closing = RoundForm.DATE
    fields = (
        "name", "year", "opens_on", "closes_on", "ceremony_on", "working_days_before",
        "late_policy", "requires_registration", "disclosure_starts_on", "disclosure_ends_on",
    )  # fmt: skip
    initial = {name: getattr(round_, name) for name in fields}
    initial.update(
        closing=closing,
        plan_deadline=round_.plan_deadline_id,
        titles=list(round_.titles.all()),
        award_forms=list(round_.forms.all()),
    )
    return initial


class MemberChoiceField(forms.ModelChoiceField):
    """A secretariat member shown family name first ("Trần Thị Lan"), else by username."""

    def label_from_instance(self, obj) -> str:
        return f"{obj.last_name} {obj.first_name}".strip() or obj.get_username()


class TakeForm(forms.Form):
    """Take a submitted dossier for appraisal, assigning a secretariat specialist."""

    assignee = MemberChoiceField(label=_("Appraised by"), queryset=None)

    def __init__(self, *args, members: QuerySet, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = members


class VerdictForm(forms.Form):
    """The verdict on every nomination: eligible or not, with the reason (required when not
    eligible). Fields ``verdict_<id>`` and ``reason_<id>``."""

    def __init__(self, *args, nominations: list[Nomination], **kwargs):
        kwargs.setdefault(
            "initial",
            {
                **{f"verdict_{n.pk}": n.appraisal for n in nominations},
                **{f"reason_{n.pk}": n.appraisal_reason for n in nominations},
            },
        )
        super().__init__(*args, **kwargs)
        self.nominations = nominations
        for nomination in nominations:
            self.fields[f"verdict_{nomination.pk}"] = forms.ChoiceField(
                label=_("Verdict"), choices=Nomination.Appraisal.choices, required=False
            )
            self.fields[f"reason_{nomination.pk}"] = forms.CharField(
                label=_("Reason"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean(self):
        data = super().clean()
        for nomination in self.nominations:
            verdict = data.get(f"verdict_{nomination.pk}")
            reason = (data.get(f"reason_{nomination.pk}") or "").strip()
            if verdict == Nomination.Appraisal.INELIGIBLE and not reason:
                self.add_error(
                    f"reason_{nomination.pk}", _("Say why this nomination is not eligible.")
                )
        return data

    def verdicts(self) -> dict[int, tuple[str, str]]:
        """``{nomination id: (appraisal, reason)}`` as ``verdicts_record`` takes it."""
        data = self.cleaned_data
        return {
            n.pk: (data[f"verdict_{n.pk}"], data[f"reason_{n.pk}"].strip())
            for n in self.nominations
        }


class ReturnForm(forms.Form):
    """Return the dossier for correction: the overall reason, and an optional comment per
    nomination (``comment_n_<id>``) and per checklist document (``item_field``)."""

    reason = forms.CharField(
        label=_("Reason for return"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )

    def __init__(self, *args, nominations: list[Nomination], items: list[ChecklistItem], **kwargs):
        super().__init__(*args, **kwargs)
        self.nominations, self.items = nominations, items
        for nomination in nominations:
            self.fields[f"comment_n_{nomination.pk}"] = _comment_field()
        for item in items:
            self.fields[item_field(item)] = _comment_field()

    def comments(self) -> list[tuple[int | None, str, str]]:
        """``(nomination id or None, component or "", text)`` for ``dossier_return``."""
        data = self.cleaned_data
        rows = [(n.pk, "", data[f"comment_n_{n.pk}"]) for n in self.nominations]
        rows += [
            (
                item.nomination.pk if item.nomination else None,
                item.component,
                data[item_field(item)],
            )
            for item in self.items
        ]
        return [row for row in rows if row[2].strip()]


def item_field(item: ChecklistItem) -> str:
    """The name of a checklist document's comment field: ``comment_c_<component>_<id or 0>``."""
    return f"comment_c_{item.component}_{item.nomination.pk if item.nomination else 0}"


def _comment_field() -> forms.CharField:
    return forms.CharField(label=_("Comment"), required=False, max_length=2000)
