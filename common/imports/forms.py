"""The upload form of an import, and the user's choices for ambiguous names on its preview."""

from collections.abc import Callable, Iterable, Mapping

from django import forms
from django.utils.translation import gettext_lazy as _

from common.imports.reading import MAX_UPLOAD_BYTES, SheetRow, WorkbookError
from common.imports.storage import Scope, UploadNamespace, pending_import_store
from common.upload_content import markup_check, upload_name

# The preview's radio buttons for an ambiguous name are named CHOICE_PREFIX + PersonKey.token.
CHOICE_PREFIX = "person-"


class WorkbookUploadForm(forms.Form):
    """An XLSX file filled in from an import's template, read on cleaning by ``reader`` (the
    import's reader: ``reader(data=bytes)`` → the rows, raising ``WorkbookError``): a file that
    is not an .xlsx of at most 5 MB that ``reader`` accepts is refused here, before anything is
    stored, and so is a web page named .xlsx (``common.upload_content``; ``reader`` refuses a
    "zip bomb"). The file's name is cleaned by ``upload_name``. Once valid, ``rows`` holds what
    ``reader`` returned (an iterable of ``SheetRow``s), ``content`` the file, and ``store`` keeps
    them."""

    workbook = forms.FileField(
        label=_("Excel file (.xlsx)"),
        help_text=_("The template filled in, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def __init__(self, *args, reader: Callable[..., Iterable[SheetRow]], **kwargs):
        super().__init__(*args, **kwargs)
        self.reader = reader
        self.rows: Iterable[SheetRow] = ()
        self.content = b""

    def clean_workbook(self):
        upload = self.cleaned_data["workbook"]
        upload.name = upload_name(upload.name, default="workbook.xlsx")
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(
                _("Only Excel workbooks (.xlsx) can be imported."), code="suffix"
            )
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."), code="size")
        markup_check(upload, kinds="Excel (.xlsx)")
        content = upload.read()
        try:
            self.rows = self.reader(data=content)
        except WorkbookError as error:
            raise forms.ValidationError(str(error), code="unreadable") from error
        self.content = content
        return upload

    def store(self, *, namespace: UploadNamespace, session, user, scope: Scope = None) -> str:
        """Keep the valid upload and its rows for the preview
        (``common.imports.storage.pending_import_store``); return its token."""
        return pending_import_store(
            namespace=namespace,
            session=session,
            user=user,
            data=self.content,
            rows=self.rows,
            file_name=self.cleaned_data["workbook"].name,
            scope=scope,
        )


def person_choices(post: Mapping[str, str]) -> dict[str, str]:
    """The user's choices for ambiguous names from the posted radio buttons, by
    ``PersonKey.token`` (a candidate's pk, or ``people.CREATE_NEW``)."""
    return {
        key.removeprefix(CHOICE_PREFIX): value
        for key, value in post.items()
        if key.startswith(CHOICE_PREFIX)
    }
