"""Forms of the council pages: a new session, the ballot counts, a decision, a revocation."""

from django import forms
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from dossiers.selectors.council import Ballot
from dossiers.services.council import COUNT_KEYS
from dossiers.services.decisions import RevocationGround

PRESENT_WORDS = {"", "có", "có mặt", "x", "1", "yes", "present", "true"}
ABSENT_WORDS = {"không", "vắng", "vắng mặt", "0", "no", "absent", "false"}
COUNT_LABELS = {
    "yes": pgettext_lazy("vote", "Yes"),
    "no": pgettext_lazy("vote", "No"),
    "abstain": pgettext_lazy("vote", "Abstain"),
    "written_yes": _("Written yes"),
    "written_no": _("Written no"),
    "written_abstain": _("Written abstain"),
}


def members_text(people: list[tuple[str, str]]) -> str:
    """The members field's starting text: one "name | position | có" line per person."""
    return "\n".join(f"{name} | {position} | có" for name, position in people)


def parse_members(text: str) -> list[tuple[str, str, bool]]:
    """Lines "name | position | present" → ``(name, position, present)``; the position and
    presence may be left out (present). Raises ``forms.ValidationError`` naming a bad line."""
    members = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("|")]
        name, position, presence = [*parts, "", ""][:3]
        if not name or len(parts) > 3 or presence.lower() not in PRESENT_WORDS | ABSENT_WORDS:
            raise forms.ValidationError(
                gettext(
                    "Line %(number)d: write “name | position | có” (present) or "
                    "“name | position | vắng” (absent)."
                )
                % {"number": number},
                code="bad_line",
            )
        members.append((name, position, presence.lower() not in ABSENT_WORDS))
    if not members:
        raise forms.ValidationError(gettext("List every member of the council."), code="empty")
    return members


class SessionForm(forms.Form):
    """A new council session: when, where, who chairs and who takes the minutes, ALL the
    council's members (present or not), and the appraised dossiers it reviews."""

    held_on = forms.DateField(label=_("Held on"))
    place = forms.CharField(label=pgettext_lazy("meeting", "Place"), max_length=255, required=False)
    chair_name = forms.CharField(label=_("Chaired by"), max_length=255, required=False)
    secretary_name = forms.CharField(label=_("Minutes taken by"), max_length=255, required=False)
    members = forms.CharField(
        label=_("Council members"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "One line per member of the council, present or absent: name | position | có "
            "(present) or vắng (absent)."
        ),
    )
    dossiers = forms.ModelMultipleChoiceField(
        label=_("Dossiers reviewed"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, dossiers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dossiers"].queryset = dossiers
        self.fields["dossiers"].label_from_instance = lambda dossier: str(dossier.unit)

    def clean_members(self) -> list[tuple[str, str, bool]]:
        return parse_members(self.cleaned_data["members"])


class VotesForm(forms.Form):
    """The counts of every eligible nomination of a session: fields "<id>-yes", … A line left
    wholly blank is not recorded."""

    def __init__(self, *args, ballots: list[Ballot], **kwargs):
        super().__init__(*args, **kwargs)
        self.ballots = [b for b in ballots if b.eligible]
        for ballot in self.ballots:
            for key in COUNT_KEYS:
                self.fields[f"{ballot.nomination.pk}-{key}"] = forms.IntegerField(
                    label=COUNT_LABELS[key],
                    min_value=0,
                    max_value=999,
                    required=False,
                    initial=getattr(ballot.vote, key) if ballot.vote else None,
                )

    def rows(self) -> list[tuple[Ballot, list]]:
        """``(ballot, [bound fields in COUNT_KEYS order])`` for the template."""
        return [
            (ballot, [self[f"{ballot.nomination.pk}-{key}"] for key in COUNT_KEYS])
            for ballot in self.ballots
        ]

    def counts(self) -> dict[int, dict[str, int]]:
        """Nomination id → counts, for the lines with at least one number."""
        found = {}
        for ballot in self.ballots:
            pk = ballot.nomination.pk
            values = {key: self.cleaned_data.get(f"{pk}-{key}") for key in COUNT_KEYS}
            if any(value is not None for value in values.values()):
                found[pk] = {key: value or 0 for key, value in values.items()}
        return found


class DecisionForm(forms.Form):
    """An award decision for some of the round's approved nominations."""

    nominations = forms.ModelMultipleChoiceField(
        label=_("Nominations granted"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    number = forms.CharField(label=_("Decision number"), max_length=64)
    date = forms.DateField(label=_("Decision date"))
    authority = forms.CharField(label=_("Conferring authority"), max_length=255)
    signer_name = forms.CharField(label=_("Signer"), max_length=255, required=False)

    def __init__(self, *args, nominations, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["nominations"]
        field.queryset = nominations
        field.label_from_instance = lambda n: f"{n.nominee} – {n.award} ({n.dossier.unit})"


class RevokeForm(forms.Form):
    """Revoking a grant (Law Art. 93)."""

    ground = forms.ChoiceField(label=_("Ground"), choices=RevocationGround.choices)
    detail = forms.CharField(label=_("What was found"), widget=forms.Textarea(attrs={"rows": 3}))
    on = forms.DateField(label=_("Revoked on"))
