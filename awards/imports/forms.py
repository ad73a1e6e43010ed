"""The upload form of the award-history import."""

from django import forms
from django.utils.translation import gettext_lazy as _

from awards.imports.reading import (
    MAX_UPLOAD_BYTES,
    WorkbookError,
    WorkbookRows,
    history_workbook_read,
)

CHOICE_PREFIX = "person-"


class HistoryUploadForm(forms.Form):
    """An XLSX file filled in from the template. Cleaning reads it (``rows``): a file that is
    not a readable workbook of the template's shape is refused here, before anything is
    stored."""

    workbook = forms.FileField(
        label=_("Excel file (.xlsx)"),
        help_text=_("The template filled in, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    rows: WorkbookRows | None = None
    content: bytes = b""

    def clean_workbook(self):
        upload = self.cleaned_data["workbook"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(
                _("Only Excel workbooks (.xlsx) can be imported."), code="suffix"
            )
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."), code="size")
        content = upload.read()
        try:
            self.rows = history_workbook_read(data=content)
        except WorkbookError as error:
            raise forms.ValidationError(str(error), code="unreadable") from error
        self.content = content
        return upload


def person_choices(post) -> dict[str, str]:
    """The user's choices for ambiguous names from the posted radio buttons, by token."""
    return {
        key.removeprefix(CHOICE_PREFIX): value
        for key, value in post.items()
        if key.startswith(CHOICE_PREFIX)
    }
