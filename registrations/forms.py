"""Forms of the registration pages: the lines (a formset), review, extension and window."""

from collections.abc import Mapping
from dataclasses import dataclass

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from awards.models import AwardForm, EmulationTitle
from common.data_version import data_version, remembered
from common.numbers import whole_number
from organizations.models import Person, Unit
from registrations import selectors
from registrations.models import RegistrationEntry
from registrations.services.registrations import EntryInput, NewPerson

Kind = RegistrationEntry.Kind


@dataclass(frozen=True)
class AwardOption:
    """A title or form the form offers, with what the page needs to show the right fields."""

    code: str
    name: str
    group: str
    kinds: tuple[str, ...]
    asks: str
    award: EmulationTitle | AwardForm


def award_options() -> dict[str, AwardOption]:
    """Titles then forms that an individual or a collective may receive, by code in catalog
    order: two queries."""
    options = {}
    for group, model in ((_("Emulation titles"), EmulationTitle), (_("Forms"), AwardForm)):
        for award in model.objects.order_by("order", "code"):
            kinds = tuple(k for k in award.recipient_kinds if k in Kind.values)
            if kinds:
                options[award.code] = AwardOption(
                    award.code, award.name_vi, str(group), kinds, award.registration_asks, award
                )
    return options


class EntryForm(forms.Form):
    """One line: a collective (the unit or a unit below it) or an individual (an existing person
    of the unit picked by search, or a new one typed in), and the title or form sought."""

    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices, initial=Kind.INDIVIDUAL)
    # The collective and the award are checked against the unit's collectives and the catalog
    # in ``clean`` (the page draws their lists itself: registrations/_entry_row.html), so that
    # a line costs no choice list of its own.
    collective = forms.IntegerField(label=_("Collective"), required=False)
    person = forms.IntegerField(required=False, widget=forms.HiddenInput)
    person_name = forms.CharField(label=_("Full name"), max_length=255, required=False)
    birth_year = forms.IntegerField(
        label=_("Birth year"), min_value=1900, max_value=2100, required=False
    )
    position = forms.CharField(label=_("Position"), max_length=255, required=False)
    award = forms.CharField(label=_("Title or form sought"), max_length=100, required=False)
    initiative_name = forms.CharField(label=_("Planned initiative"), max_length=500, required=False)
    model_name = forms.CharField(label=_("Model to build"), max_length=500, required=False)

    def __init__(
        self,
        *args,
        unit: Unit,
        collectives: Mapping[int, Unit],
        people: Mapping[int, Person],
        options: Mapping[str, AwardOption],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.people = people  # the posted people the line may name, by id (``posted_people``)
        self.options = options  # by code (``award_options``)
        self.collectives = collectives  # by id (registrations.selectors.collectives_of)

    def is_blank(self) -> bool:
        """Nothing was typed into the line (a row added and left empty)."""
        data = self.cleaned_data
        return not (
            data.get("collective") or data.get("person") or data.get("person_name", "").strip()
        ) and not data.get("award")

    def clean(self):
        data = super().clean()
        if self.errors or self.is_blank():
            return data
        kind = data.get("kind")
        option = self.options.get(data.get("award") or "")
        if option is None:
            self.add_error("award", _("Choose the title or form sought."))
        elif kind not in option.kinds:
            self.add_error(
                "award",
                _("%(award)s is not conferred on this kind of recipient.") % {"award": option.name},
            )
        if kind == Kind.COLLECTIVE:
            collective = self.collectives.get(data.get("collective"))
            if data.get("collective") is None:
                self.add_error("collective", _("Choose the collective."))
            elif collective is None:
                self.add_error("collective", _("Choose a collective of your unit."))
            data["collective_object"] = collective
        elif data.get("person"):
            person = self.people.get(data["person"])
            if person is None:
                self.add_error("person_name", _("Choose a person of your unit."))
            data["person_object"] = person
        elif not data.get("person_name", "").strip():
            self.add_error("person_name", _("Type the full name or choose a person."))
        return data

    def entry(self) -> EntryInput | None:
        """The line as the service takes it (None for a blank line); call after validation."""
        if self.is_blank():
            return None
        data = self.cleaned_data
        award = self.options[data["award"]].award
        common = {
            "kind": data["kind"],
            "award": award,
            "initiative_name": data.get("initiative_name", ""),
            "model_name": data.get("model_name", ""),
        }
        if data["kind"] == Kind.COLLECTIVE:
            return EntryInput(collective=data["collective_object"], **common)
        person = data.get("person_object")
        if person is not None:
            return EntryInput(person=person, **common)
        new = NewPerson(
            full_name=data["person_name"],
            unit=self.unit,
            birth_year=data.get("birth_year"),
            position=data.get("position", ""),
        )
        return EntryInput(new_person=new, **common)


def entry_kwargs(*, unit: Unit) -> dict:
    """What every ``EntryForm`` of ``unit``'s registration is built with: the catalog's options
    by code and the unit's collectives by id, both remembered under the data version (an
    autosave reads neither again while they stay the same), and the queryset of the people a
    line may name (``BaseEntryFormSet`` loads the ones posted)."""
    version = data_version()
    return {
        "unit": unit,
        "collectives": remembered(
            ("registration-collectives", unit.pk),
            lambda: {c.pk: c for c in selectors.collectives_of(unit=unit)},
            version=version,
        ),
        "people": selectors.people_of(unit=unit),
        "options": remembered("registration-award-options", award_options, version=version),
    }


def posted_people(people: QuerySet[Person], data: Mapping[str, str] | None) -> dict[int, Person]:
    """The people of ``people`` that the posted lines name (``<prefix>-person`` fields), by id:
    one query however many lines (none for an unbound form)."""
    if not data:
        return {}
    ids = {whole_number(v) for k, v in data.items() if k.endswith("-person")} - {None}
    return people.in_bulk(ids) if ids else {}


class _SharedFields(dict):
    """``EntryForm``'s declared fields, shared by every line instead of deep-copied for each (what
    Django does for every form, to let a form change its own fields): no line changes a field
    (the collectives and awards are checked in ``clean``, not as choices; the page draws each
    row itself: registrations/_entry_row.html), so a copy of the dict, which the formset adds
    its DELETE field to, is enough: validating the lines then takes about half the work."""

    def __deepcopy__(self, memo):
        return dict(self)


EntryForm.base_fields = _SharedFields(EntryForm.base_fields)


class BaseEntryFormSet(forms.BaseFormSet):
    """The registration's lines; blank lines are ignored. ``form_kwargs["people"]`` is the
    queryset of the people the lines may name; the ones posted are loaded once for all lines."""

    def __init__(self, data=None, *args, form_kwargs=None, **kwargs):
        form_kwargs = dict(form_kwargs or {})
        form_kwargs["people"] = posted_people(form_kwargs["people"], data)
        super().__init__(data, *args, form_kwargs=form_kwargs, **kwargs)

    def entries(self) -> list[EntryInput]:
        rows = []
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                continue
            entry = form.entry()
            if entry is not None:
                rows.append(entry)
        return rows


EntryFormSet = forms.formset_factory(
    EntryForm, formset=BaseEntryFormSet, extra=0, can_delete=True, max_num=5000
)


def entry_initial(entry: RegistrationEntry) -> dict:
    """The form values of a saved line."""
    person: Person | None = entry.person
    return {
        "kind": entry.kind,
        "collective": entry.collective_id,
        "person": entry.person_id,
        "person_name": person.full_name if person else "",
        "birth_year": person.birth_year if person else None,
        "position": person.position if person else "",
        "award": entry.award.code,
        "initiative_name": entry.initiative_name,
        "model_name": entry.model_name,
    }


class ReviewForm(forms.Form):
    """Accept a registration, or return it with a reason (and notes on lines)."""

    ACCEPT, RETURN = "accept", "return"
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(ACCEPT, _("Accept")), (RETURN, _("Return for correction"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason for return"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.RETURN and not data.get("reason", "").strip():
            self.add_error("reason", _("Say why it is returned."))
        return data


class ExtensionForm(forms.Form):
    """A later last day for one unit (or one cluster's list), with its reason."""

    until = forms.DateField(
        label=_("New last day"), help_text=_("dd/mm/yyyy"), widget=forms.DateInput()
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class WindowForm(forms.Form):
    """Open registrations for a campaign: the last day (blank: the plan's registration task)."""

    opens_on = forms.DateField(label=_("First day"), required=False, help_text=_("dd/mm/yyyy"))
    closes_on = forms.DateField(
        label=_("Last day"),
        required=False,
        help_text=_("dd/mm/yyyy. Leave blank to take the date of the plan's registration task."),
    )


class DeadlineForm(forms.Form):
    """Move the window's last day for every unit, with its reason."""

    closes_on = forms.DateField(label=_("Last day"), help_text=_("dd/mm/yyyy"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
