"""Forms for campaigns, clusters, documents, score sheets and the acclamation vote."""

import math
from decimal import Decimal

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns.models import Campaign, CampaignDocument, Cluster, ClusterDocument, ScoringCriterion
from common.uploads import UploadField

POINTS_STEP = Decimal("0.25")


class UnitChoices(forms.ModelMultipleChoiceField):
    """Units as a list of checkboxes (the council's units), keyboard and phone friendly."""

    widget = forms.CheckboxSelectMultiple


class CampaignForm(forms.ModelForm):
    """A campaign's description; the criteria come in ``CriterionFormSet``."""

    participants = UnitChoices(
        label=gettext_lazy("Participating units"), queryset=None, required=False
    )

    class Meta:
        model = Campaign
        fields = (
            "name",
            "kind",
            "year",
            "lead_unit",
            "participants",
            "starts_on",
            "ends_on",
            "mid_year_review_on",
            "annual_review_on",
        )

    def __init__(self, *args, units, proposal: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = units
        self.fields["lead_unit"].queryset = units
        if proposal:
            del self.fields["kind"]


class CampaignCriterionForm(forms.Form):
    """One criterion of a campaign with its weight in percent."""

    name = forms.CharField(label=gettext_lazy("Criterion"), max_length=500)
    weight = forms.IntegerField(label=gettext_lazy("Weight (%)"), min_value=1, max_value=100)


# At most CRITERIA_MAX criteria: Django builds as many forms as a posted TOTAL_FORMS says, up to
# ``absolute_max`` (2,000 by default), which a forged count turned into seconds of work.
CRITERIA_MAX = 100
_CRITERIA = {"max_num": CRITERIA_MAX, "absolute_max": CRITERIA_MAX}
CampaignCriterionFormSet = forms.formset_factory(
    CampaignCriterionForm, extra=2, can_delete=True, **_CRITERIA
)


def criteria_from(formset) -> list[dict]:
    """The criteria rows of a valid formset, deleted and blank rows left out."""
    return [
        {"name": row.cleaned_data["name"], "weight": row.cleaned_data["weight"]}
        for row in formset.forms
        if row.cleaned_data and not row.cleaned_data.get("DELETE")
    ]


class CampaignDocumentForm(forms.Form):
    """Upload a document of a campaign."""

    kind = forms.ChoiceField(label=gettext_lazy("Document"), choices=CampaignDocument.Kind.choices)
    file = UploadField(label=gettext_lazy("File"))


class ClusterForm(forms.ModelForm):
    """A cluster's settings, members, leader and deputy (the council's secretariat)."""

    members = UnitChoices(label=gettext_lazy("Member units"), queryset=None, required=False)

    class Meta:
        model = Cluster
        fields = (
            "year",
            "kind",
            "number",
            "name",
            "members",
            "leader",
            "deputy",
            "in_charge",
            "scope",
            "difference_threshold",
            "quorum_percent",
            "majority_percent",
        )

    def __init__(self, *args, units, council_members, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("members", "leader", "deputy"):
            self.fields[name].queryset = units
        self.fields["in_charge"].queryset = council_members


class ClusterDocumentForm(forms.Form):
    """Upload (or replace) one of the cluster's documents."""

    kind = forms.ChoiceField(label=gettext_lazy("Document"), choices=ClusterDocument.Kind.choices)
    file = UploadField(label=gettext_lazy("File"))


class ElectionForm(forms.Form):
    """The leader and deputy elected for next year at the annual review."""

    held_on = forms.DateField(label=gettext_lazy("Annual review held on"))
    leader = forms.ModelChoiceField(label=gettext_lazy("Leader unit"), queryset=None)
    deputy = forms.ModelChoiceField(
        label=gettext_lazy("Deputy unit"), queryset=None, required=False
    )
    note = forms.CharField(
        label=gettext_lazy("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = members
        self.fields["deputy"].queryset = members


class ScoringCriterionForm(forms.ModelForm):
    """One line of the cluster's scoring scale."""

    class Meta:
        model = ScoringCriterion
        fields = ("name", "kind", "max_points")


ScoringCriterionFormSet = forms.formset_factory(
    ScoringCriterionForm, extra=3, can_delete=True, **_CRITERIA
)


class AssignForm(forms.Form):
    """How many peers score each member when assigning round robin."""

    peers = forms.IntegerField(
        label=gettext_lazy("Peers scoring each member"), min_value=1, max_value=3, initial=1
    )


class PointsField(forms.DecimalField):
    """Points in steps of ``POINTS_STEP``. A number too large for a float ("1e309") is refused
    as not a number: Django's step validator would fail on it with a server error."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is not None and value.is_finite() and math.isinf(float(value)):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return value


class SheetForm(forms.Form):
    """Points (``points_<criterion id>``) and evidence (``evidence_<criterion id>``) per
    criterion of a score sheet. With ``submit`` every criterion needs its points."""

    def __init__(self, *args, criteria: list, submit: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria, self.submit = criteria, submit
        for criterion in criteria:
            self.fields[f"points_{criterion.pk}"] = PointsField(
                label=gettext_lazy("Points"),
                min_value=Decimal(0),
                max_value=criterion.max_points,
                decimal_places=2,
                step_size=POINTS_STEP,
                required=False,
            )
            self.fields[f"evidence_{criterion.pk}"] = forms.CharField(
                label=gettext_lazy("Evidence"),
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )

    def rows(self) -> list[tuple]:
        """``(criterion, points field, evidence field)`` for the template, in scale order."""
        return [(c, self[f"points_{c.pk}"], self[f"evidence_{c.pk}"]) for c in self.criteria]

    def clean(self):
        data = super().clean()
        for criterion in self.criteria:
            name = f"points_{criterion.pk}"
            if name in self.errors or data.get(name) is not None:
                continue
            if self.submit:
                self.add_error(name, _("Give the points before submitting."))
            elif data.get(f"evidence_{criterion.pk}"):
                self.add_error(name, _("Give the points too, or the evidence is not kept."))
        return data

    def scores(self) -> dict[int, tuple[Decimal, str]]:
        """Criterion id → (points, evidence) for the criteria given points."""
        data = self.cleaned_data
        return {
            c.pk: (data[f"points_{c.pk}"], data[f"evidence_{c.pk}"].strip())
            for c in self.criteria
            if data.get(f"points_{c.pk}") is not None
        }


class AcclamationForm(forms.Form):
    """The vote at the annual review: date, members present, each present member's ballot
    (``vote_<unit id>``, blank for the absent) and the minutes."""

    held_on = forms.DateField(label=gettext_lazy("Held on"))
    present = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Members present"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    minutes = forms.CharField(
        label=gettext_lazy("Minutes"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args, members: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members
        choices = [(unit.pk, unit.name) for unit in members]
        self.fields["present"].choices = choices
        for unit in members:
            self.fields[f"vote_{unit.pk}"] = forms.TypedChoiceField(
                label=gettext_lazy("votes for"),
                choices=[("", "—"), *choices],
                coerce=int,
                empty_value=None,
                required=False,
            )

    def member_rows(self) -> list[tuple]:
        """``(unit, ticked as present, vote field)`` per member, for the template."""
        ticked = {str(pk) for pk in self["present"].value() or ()}
        return [(u, str(u.pk) in ticked, self[f"vote_{u.pk}"]) for u in self.members]

    def clean(self):
        data = super().clean()
        present = set(data.get("present") or ())
        for unit in self.members:
            name = f"vote_{unit.pk}"
            if name in self.errors:
                continue
            if unit.pk in present and data.get(name) is None:
                self.add_error(name, _("Choose the vote of this member present."))
            elif unit.pk not in present and data.get(name) is not None:
                self.add_error(name, _("This member is not ticked as present: leave it blank."))
        return data

    def ballots(self) -> dict[int, int]:
        """Voter unit id → chosen unit id, for the members present."""
        return {pk: self.cleaned_data[f"vote_{pk}"] for pk in self.cleaned_data["present"]}
