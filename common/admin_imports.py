"""The administration's import pages (django-import-export), with a confirmation step that
takes only what its own preview made.

django-import-export's confirmation form carries, in hidden fields, the name of the file the
preview stored in the temporary folder, the format's index and the resource's index, and it
trusts them: a forged name reads any file of the temporary folder (a folder gives a server
error), a format or resource out of range a server error too. Here the confirmation accepts
only a file name its user's preview stored in this session (the last ``PENDING_KEPT``), and a
format and a resource among those offered; anything else is answered with the form's error
and imports nothing.
"""

import os

from django import forms
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from import_export.forms import ConfirmImportForm

from common.numbers import whole_number

SESSION_KEY = "admin_import_pending"
PENDING_KEPT = 10


class PendingImportConfirmForm(ConfirmImportForm):
    """The confirmation of an import previewed in this session (module docstring).

    ``pending``: the temporary file names this session's previews stored; ``format_count``
    and ``resource_count``: how many formats and resources the page offers."""

    def __init__(self, *args, pending=(), format_count: int = 0, resource_count: int = 1, **kw):
        super().__init__(*args, **kw)
        self.pending = frozenset(pending)
        self.format_count = format_count
        self.resource_count = resource_count

    def clean_import_file_name(self) -> str:
        name = super().clean_import_file_name()
        if name not in self.pending:
            raise forms.ValidationError(
                _("This import is no longer waiting for confirmation: upload the file again.")
            )
        return name

    def _index(self, field: str, count: int, *, blank: bool = False) -> str:
        value = self.cleaned_data.get(field, "")
        if blank and value == "":
            return value
        index = whole_number(value)
        if index is None or not 0 <= index < count:
            raise forms.ValidationError(_("This choice is not offered: upload the file again."))
        return str(index)

    def clean_format(self) -> str:
        return self._index("format", self.format_count)

    def clean_resource(self) -> str:
        return self._index("resource", self.resource_count, blank=True)


class ImportExportAdmin(ImportExportModelAdmin):
    """``ImportExportModelAdmin`` whose confirmation step is ``PendingImportConfirmForm``."""

    confirm_form_class = PendingImportConfirmForm

    def get_confirm_form_initial(self, request, import_form):
        """The preview's values; the stored file's name is remembered in the session."""
        initial = super().get_confirm_form_initial(request, import_form)
        # The form keeps the base name only (ConfirmImportForm.clean_import_file_name).
        name = os.path.basename(initial.get("import_file_name") or "")
        if name:
            pending = [n for n in request.session.get(SESSION_KEY, []) if n != name]
            request.session[SESSION_KEY] = [*pending, name][-PENDING_KEPT:]
        return initial

    def get_confirm_form_kwargs(self, request, import_form=None):
        kwargs = super().get_confirm_form_kwargs(request, import_form)
        kwargs.update(
            pending=request.session.get(SESSION_KEY, []),
            format_count=len(self.get_import_formats()),
            resource_count=len(self.get_import_resource_classes(request)),
        )
        return kwargs
