"""Forms for plans: uploading a document and reviewing what was extracted from it, writing
a plan's fields, sections, schedule and deadlines."""

import datetime
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from common.upload_content import (
    is_zip,
    markup_check,
    pdf_active_content_check,
    upload_name,
    zip_archive_check,
)
from organizations.models import Unit
from plans.parsing.headings import STYLE_ORDER
from plans.services import SCHEDULE_TEXT_FIELDS

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
PDF_SIGNATURE_WITHIN = 1024
ACCEPTED_SUFFIXES = (".txt", ".docx", ".pdf")


class PlanUploadForm(forms.Form):
    """Choose the issuing unit and the document (.txt, .docx or a PDF with a text layer)."""

    unit = forms.ModelChoiceField(label=_("Issuing unit"), queryset=Unit.objects.none())
    document = forms.FileField(
        label=_("Plan document"),
        help_text=_("A .docx, .txt or .pdf file (a PDF must contain text, not a scanned image)."),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        if units.count() == 1:
            self.fields["unit"].initial = units.first()

    def clean_document(self):
        document = self.cleaned_data["document"]
        document.name = upload_name(document.name)
        if not document.name.lower().endswith(ACCEPTED_SUFFIXES):
            raise forms.ValidationError(
                _("Only .docx, .txt and .pdf files can be imported."), code="suffix"
            )
        if document.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."), code="size")
        if document.size == 0:
            raise forms.ValidationError(_("The file is empty."), code="empty")
        hostile_content_check(document)
        return document


def hostile_content_check(document) -> None:
    """Refuse, before the importer reads it, a plan document that is a web page or script
    under another name, a .docx "zip bomb" (more than ``MAX_UNPACKED_BYTES`` unpacked: the Word
    reader loads every part) or a PDF with JavaScript, automatic actions or embedded files
    (``common.upload_content``). Raises ``ValidationError``."""
    markup_check(document, kinds=".docx, .txt, .pdf")
    head = document.read(PDF_SIGNATURE_WITHIN)
    document.seek(0)
    if is_zip(head):
        zip_archive_check(document, max_unpacked=MAX_UNPACKED_BYTES)
    elif b"%PDF-" in head:  # where plans.parsing.readers looks for it
        pdf_active_content_check(document)


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


class LinesField(forms.CharField):
    """A textarea holding one item per line; cleans to a list of non-empty lines."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def clean(self, value):
        return _lines(super().clean(value) or "")


PLAN_FIELDS = (
    "number",
    "place",
    "issue_date",
    "issue_month",
    "year",
    "issuer",
    "parent_issuer",
    "title",
    "signer_name",
    "signer_title",
    "legal_bases",
    "recipients",
)


class PlanForm(forms.Form):
    """A plan's own fields, as written on the document; the issuing unit only when creating.

    ``units`` are the units the user may write plans for; without it there is no unit field.
    """

    unit = forms.ModelChoiceField(label=_("Issuing unit"), queryset=Unit.objects.none())
    number = forms.CharField(label=_("Document number"), required=False, max_length=64)
    place = forms.CharField(label=_("Place"), required=False, max_length=128)
    issue_date = forms.DateField(label=_("Issue date"), required=False, help_text=_("dd/mm/yyyy"))
    issue_month = forms.CharField(
        label=_("Issue month (when the day is blank)"),
        required=False,
        help_text=_("mm/yyyy"),
    )
    year = forms.IntegerField(label=_("Year the plan is for"), min_value=1990, max_value=2100)
    issuer = forms.CharField(label=_("Issuing body"), required=False, max_length=255)
    parent_issuer = forms.CharField(label=_("Parent body"), required=False, max_length=255)
    title = forms.CharField(label=_("Title"), max_length=500)
    signer_name = forms.CharField(label=_("Signer"), required=False, max_length=255)
    signer_title = forms.CharField(
        label=_("Signer title"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One line per line of the signature block, e.g. TM. HỘI ĐỒNG / CHỦ TỊCH."),
    )
    legal_bases = LinesField(label=_("Legal bases (one per line)"))
    recipients = LinesField(label=_("Recipients (one per line)"))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["unit"]
        else:
            self.fields["unit"].queryset = units
            if units.count() == 1:
                self.fields["unit"].initial = units.first()

    def clean_issue_month(self) -> str:
        value = self.cleaned_data["issue_month"].strip()
        if not value:
            return ""
        match = re.fullmatch(r"(\d{1,2})/(\d{4})", value) or re.fullmatch(r"(\d{4})-(\d{2})", value)
        if not match:
            raise forms.ValidationError(_("Write the month as mm/yyyy, e.g. 12/2021."))
        first, second = match.groups()
        year, month = (int(second), int(first)) if "/" in value else (int(first), int(second))
        if not 1 <= month <= 12:
            raise forms.ValidationError(_("Write the month as mm/yyyy, e.g. 12/2021."))
        return f"{year:04d}-{month:02d}"

    def clean_signer_title(self) -> str:
        return "\n".join(_lines(self.cleaned_data["signer_title"]))

    def plan_fields(self) -> dict:
        """The cleaned plan fields, as ``plans.authoring`` takes them."""
        return {name: self.cleaned_data[name] for name in PLAN_FIELDS}

    @classmethod
    def initial_from_plan(cls, plan) -> dict:
        """Form initial values from a saved plan."""
        month = "" if plan.issue_date else plan.issue_month
        return {
            **{name: getattr(plan, name) for name in PLAN_FIELDS if name != "issue_month"},
            "issue_month": f"{month[5:7]}/{month[:4]}" if month else "",
        }


class PlanReviewForm(PlanForm):
    """The plan's own fields as extracted, for the user to correct before saving."""

    campaigns = LinesField(label=_("Campaigns mentioned (one per line)"))
    clusters = LinesField(label=_("Clusters mentioned (one per line)"))
    replace = forms.BooleanField(
        label=_("Replace the plan already saved with this number"), required=False
    )
    field_order = (*PLAN_FIELDS[:-1], "campaigns", "clusters", "recipients", "replace")

    @classmethod
    def initial_from(cls, data: dict) -> dict:
        """Form initial values from parser-shaped ``data``."""
        signer = data.get("signer") or {}
        month = data.get("issue_month") or ""
        return {
            **{k: data.get(k) for k in ("number", "place", "year", "issuer", "parent_issuer")},
            "title": data.get("title"),
            "issue_date": _date(data.get("issue_date")),
            "issue_month": f"{month[5:7]}/{month[:4]}" if month else "",
            "signer_name": signer.get("name"),
            "signer_title": signer.get("title"),
            **{
                k: data.get(k) or [] for k in ("legal_bases", "campaigns", "clusters", "recipients")
            },
        }


class ScheduleRowForm(forms.Form):
    """One schedule task row."""

    quarter = forms.TypedChoiceField(
        label=_("Quarter"),
        choices=[("", "—"), (1, "I"), (2, "II"), (3, "III"), (4, "IV")],
        coerce=int,
        empty_value=None,
        required=False,
    )
    content = forms.CharField(label=_("Task"), widget=forms.Textarea(attrs={"rows": 2}))
    directing = forms.CharField(label=_("Directing"), required=False, max_length=500)
    executing = forms.CharField(label=_("Executing"), required=False, max_length=500)
    coordinating = forms.CharField(label=_("Coordinating"), required=False, max_length=500)
    due_date = forms.DateField(label=_("Due date"), required=False)
    due_text = forms.CharField(label=_("Time as written"), required=False, max_length=500)


class DeadlineForm(forms.Form):
    """One dated obligation."""

    due_date = forms.DateField(label=_("Due date"))
    text = forms.CharField(label=_("Obligation"), widget=forms.Textarea(attrs={"rows": 2}))


class SectionForm(forms.Form):
    """One section of the plan's body: a heading at a level (1 outermost) and its text."""

    heading = forms.CharField(label=_("Heading"), widget=forms.Textarea(attrs={"rows": 2}))
    level = forms.TypedChoiceField(
        label=_("Level"),
        # As many levels as the importer knows numbering styles ("A.", "I.", "1." … "+").
        choices=[(level, str(level)) for level in range(1, len(STYLE_ORDER) + 1)],
        coerce=int,
        initial=1,
        help_text=_("1 is the outermost heading (such as “I.”), each deeper numbering one more."),
    )
    text = forms.CharField(
        label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


# At most ROWS_MAX rows per list (sections, schedule, deadlines; a plan has tens). Django builds
# as many forms as a posted TOTAL_FORMS says, up to ``absolute_max`` (2,000 by default): a
# forged count made the edit page work for 45 seconds.
ROWS_MAX = 500
_ROWS = {"max_num": ROWS_MAX, "absolute_max": ROWS_MAX}
ScheduleFormSet = forms.formset_factory(ScheduleRowForm, extra=0, can_delete=True, **_ROWS)
DeadlineFormSet = forms.formset_factory(DeadlineForm, extra=1, can_delete=True, **_ROWS)
# Editing a plan: one blank row to add, rows can be removed and renumbered.
SectionEditFormSet = forms.formset_factory(
    SectionForm, extra=1, can_delete=True, can_order=True, **_ROWS
)
ScheduleEditFormSet = forms.formset_factory(
    ScheduleRowForm, extra=1, can_delete=True, can_order=True, **_ROWS
)


def ordered_rows(formset) -> list[dict]:
    """Cleaned rows of a valid formset in the order the user gave them (``ORDER``, then as
    shown), without the rows marked deleted, the blank extra rows and the formset's own
    ``ORDER``/``DELETE`` keys."""
    forms_in_order = formset.ordered_forms if formset.can_order else formset.forms
    return [
        {k: v for k, v in form.cleaned_data.items() if k not in ("ORDER", "DELETE")}
        for form in forms_in_order
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def reviewed_data(form: PlanReviewForm, schedule, deadlines, *, sections: list, implements: list):
    """Parser-shaped data (``ParsedPlan.to_json`` keys) from the validated review forms.

    Sections and superior-plan references are not edited on the review page: they are passed
    through from the extraction.
    """
    cleaned = form.cleaned_data
    return {
        **{k: cleaned[k] or None for k in ("number", "place", "issuer", "parent_issuer")},
        "issue_date": _iso(cleaned["issue_date"]),
        "issue_month": cleaned["issue_month"]
        or (f"{cleaned['issue_date']:%Y-%m}" if cleaned["issue_date"] else None),
        "year": cleaned["year"],
        "title": cleaned["title"],
        "legal_bases": cleaned["legal_bases"],
        "campaigns": cleaned["campaigns"],
        "clusters": cleaned["clusters"],
        "recipients": cleaned["recipients"],
        "signer": {"name": cleaned["signer_name"], "title": cleaned["signer_title"]},
        "sections": sections,
        "implements": implements,
        "schedule": [
            {
                **{k: row[k] for k in ("quarter", *SCHEDULE_TEXT_FIELDS)},
                "due_date": _iso(row["due_date"]),
            }
            for row in _kept_rows(schedule)
        ],
        "deadlines": [
            {"due_date": _iso(row["due_date"]), "text": row["text"]}
            for row in _kept_rows(deadlines)
        ],
    }


def _iso(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def _kept_rows(formset) -> list[dict]:
    """Cleaned rows of a formset, without the blank extra rows and the rows marked deleted."""
    return [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]
