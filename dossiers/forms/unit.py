"""Forms of the unit officer's dossier pages: a nomination, a checklist document, an action.

A nomination form offers the people, collectives and households of the dossier's unit and the
round's titles and forms, but accepts any nominee the user may see and any award of the catalog:
the service then refuses what does not belong to the dossier and says why (not in the round, not
in the unit), instead of a bare "not a valid choice".
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from awards.models import AwardForm, AwardGrant, EmulationTitle, RecipientKind
from common.uploads import UploadField
from dossiers.checklist import ChecklistItem
from dossiers.models import Nomination
from dossiers.selectors.unit import NomineeChoices
from dossiers.services.dossiers import NominationInput

UPLOAD_KINDS = ("pdf", "docx", "jpeg", "png")
NOMINEE_FIELDS = {
    RecipientKind.INDIVIDUAL: "person",
    RecipientKind.COLLECTIVE: "collective",
    RecipientKind.HOUSEHOLD: "household",
}


def person_label(person) -> str:
    """ "Nguyễn Thị Hoa (1980) – Phường An Bình": the name, birth year and unit of a person."""
    year = f" ({person.birth_year})" if person.birth_year else ""
    return f"{person.full_name}{year} – {person.unit.name}"


def award_value(award: EmulationTitle | AwardForm) -> str:
    """The form value naming a title (``title:<code>``) or a form (``form:<code>``)."""
    return f"{'title' if isinstance(award, EmulationTitle) else 'form'}:{award.code}"


class NominationForm(forms.Form):
    """One nomination: the kind of nominee, the nominee, the title or form, the achievement."""

    kind = forms.ChoiceField(
        label=_("Nominee"),
        choices=RecipientKind.choices,
        initial=RecipientKind.INDIVIDUAL,
        widget=forms.RadioSelect,
    )
    person = forms.ModelChoiceField(label=_("Individual"), queryset=None, required=False)
    collective = forms.ModelChoiceField(label=_("Collective"), queryset=None, required=False)
    household = forms.ModelChoiceField(label=_("Household"), queryset=None, required=False)
    award = forms.CharField(label=_("Title or form proposed"), widget=forms.Select)
    achievement = forms.ChoiceField(
        label=_("Achievement"),
        choices=AwardGrant.Achievement.choices,
        initial=AwardGrant.Achievement.MERIT,
    )
    summary = forms.CharField(
        label=_("Summary of achievements"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )

    def __init__(self, *args, offered: NomineeChoices, accepted: NomineeChoices, **kwargs):
        super().__init__(*args, **kwargs)
        self.accepted = accepted
        self.fields["person"].queryset = accepted.people
        self.fields["collective"].queryset = accepted.collectives
        self.fields["household"].queryset = accepted.households
        self.offered = {
            "person": [(p.pk, person_label(p)) for p in offered.people],
            "collective": [(u.pk, u.name) for u in offered.collectives],
            "household": [(h.pk, f"{h.name} – {h.unit.name}") for h in offered.households],
        }
        for name, choices in self.offered.items():
            self.fields[name].widget.choices = [("", "—"), *choices]
        awards = [
            (_("Emulation titles"), [(award_value(t), t.name_vi) for t in offered.titles]),
            (_("Forms of commendation"), [(award_value(f), f.name_vi) for f in offered.forms]),
        ]
        self.fields["award"].widget.choices = [("", "—"), *[g for g in awards if g[1]]]

    def clean_award(self):
        kind, _sep, code = self.cleaned_data["award"].partition(":")
        source = {"title": self.accepted.titles, "form": self.accepted.forms}.get(kind)
        award = source.filter(code=code).first() if source is not None and code else None
        if award is None:
            raise forms.ValidationError(_("Choose the title or form proposed."))
        return award

    def clean(self):
        data = super().clean()
        name = NOMINEE_FIELDS.get(data.get("kind"))
        if name is not None and "kind" not in self.errors:
            nominee = data.get(name)
            if nominee is None and name not in self.errors:
                self.add_error(name, _("Choose the nominee."))
            data["nominee"] = nominee
            self._keep_choice(name, nominee)
        return data

    def _keep_choice(self, name: str, nominee) -> None:
        """Show a posted nominee that the list does not offer, so nothing typed is lost."""
        if nominee is None or any(pk == nominee.pk for pk, _label in self.offered[name]):
            return
        label = person_label(nominee) if name == "person" else str(nominee)
        widget = self.fields[name].widget
        widget.choices = [*widget.choices, (nominee.pk, label)]

    def nomination_input(self) -> NominationInput:
        """What the service takes; call after ``is_valid()``."""
        data = self.cleaned_data
        return NominationInput(
            nominee=data["nominee"],
            award=data["award"],
            achievement=data["achievement"],
            summary=data["summary"],
        )


def nomination_initial(nomination: Nomination) -> dict:
    """The form values of a saved nomination."""
    return {
        "kind": nomination.recipient_kind,
        "person": nomination.person_id,
        "collective": nomination.collective_id,
        "household": nomination.household_id,
        "award": award_value(nomination.award),
        "achievement": nomination.achievement,
        "summary": nomination.summary,
    }


class AttachmentForm(forms.Form):
    """A new version of one document of the checklist (``item``: ``ChecklistItem.key``)."""

    item = forms.ChoiceField(label=_("Document"), widget=forms.HiddenInput)
    file = UploadField(label=_("File"), allowed=UPLOAD_KINDS)

    def __init__(self, *args, items: list[ChecklistItem], **kwargs):
        super().__init__(*args, **kwargs)
        self.items = {item.key: item for item in items}
        self.fields["item"].choices = [(key, str(item.label)) for key, item in self.items.items()]
        self.fields["item"].error_messages["invalid_choice"] = _(
            "This document is not on the dossier's checklist."
        )

    def checklist_item(self) -> ChecklistItem:
        """The item the upload is for; call after ``is_valid()``."""
        return self.items[self.cleaned_data["item"]]


class ActionForm(forms.Form):
    """The optional reason the unit gives when it withdraws its dossier."""

    reason = forms.CharField(label=_("Reason"), required=False, max_length=2000)
