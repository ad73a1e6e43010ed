"""Forms of the award pages outside the import (its upload form is common/imports/forms.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from awards.models import AwardForm, EmulationTitle

FIRST_YEAR, LAST_YEAR = 1990, 2100
YEAR_ERROR = _("Enter a year between 1990 and 2100.")


class EligibilityCheckForm(forms.Form):
    """Which award, for which year, to check a nominee against (on the history page, by GET).

    ``titles`` and ``forms`` are the catalog entries conferrable on the nominee
    (``awards.selectors.awards_for_recipient``); the select offers them grouped, by Vietnamese
    name, and accepts only their codes.
    """

    award = forms.ChoiceField(
        label=pgettext_lazy("eligibility check", "Title or form of commendation"),
        error_messages={
            "required": _("Choose a title or form of commendation."),
            "invalid_choice": _("Choose a title or form of commendation from the list."),
        },
    )
    year = forms.IntegerField(
        label=pgettext_lazy("eligibility check", "For the year"),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        error_messages={
            "required": YEAR_ERROR,
            "invalid": YEAR_ERROR,
            "min_value": YEAR_ERROR,
            "max_value": YEAR_ERROR,
        },
    )

    def __init__(
        self, *args, titles: list[EmulationTitle], forms: list[AwardForm], **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        groups = [
            (_("Emulation title"), [(entry.code, entry.name_vi) for entry in titles]),
            (_("Form of commendation"), [(entry.code, entry.name_vi) for entry in forms]),
        ]
        self.fields["award"].choices = [
            ("", pgettext_lazy("eligibility check", "— Choose —")),
            *[(label, entries) for label, entries in groups if entries],
        ]
