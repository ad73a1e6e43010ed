"""Property-based tests (hypothesis) on the administration's import pages: the 27 models with a
django-import-export import, as a superuser.

- Any file at the preview (the model's own export cut, corrupted or renamed; the model's
  columns with any cells, as CSV or Excel; random bytes), any format and resource choice: the
  answer is never a server error and the preview stores nothing.
- Any confirmation form, its hidden fields forged (a stored file's name replaced by a path, a
  format or resource out of range): never a server error, and nothing is stored.

Each example draws its model and runs in a savepoint rolled back afterwards. The world is the
admin-imports tests' one (every importable model has rows).
"""

import pytest
import tablib
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from hypothesis import event, given
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from tests.admin_imports.conftest import world  # noqa: F401 - the fixture
from tests.security.fuzz_data import FUZZ, text, upload_file
from tests.security.fuzz_world import changed_tables, fingerprint

pytestmark = pytest.mark.django_db

IMPORTABLE = sorted(
    (
        model
        for model, model_admin in admin.site._registry.items()
        if getattr(model_admin, "resource_classes", None)
    ),
    key=lambda model: model._meta.label,
)
FORGED_NAMES = (
    "../../../../etc/passwd",
    "/etc/passwd",
    "..",
    "",
    "x" * 300,
    "nhap.csv",
    "C:\\Windows\\win.ini",
    "%2e%2e%2fsettings.py",
)


def _admin_url(model, action: str) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}")


def _exports(model) -> dict[str, bytes]:
    """The model's rows as its resource exports them, as CSV and as Excel."""
    dataset = admin.site._registry[model].resource_classes[0]().export()
    return {"xuat.csv": dataset.export("csv").encode("utf-8-sig"), "xuat.xlsx": dataset.xlsx}


@st.composite
def import_file(draw, model) -> SimpleUploadedFile:
    """A file for the model's import page: its own export mangled (``upload_file``), or its
    columns with one to three rows of any cells, as CSV or Excel."""
    real = _exports(model)
    if draw(st.booleans()):
        return draw(upload_file(real))
    headers = admin.site._registry[model].resource_classes[0]().export().headers
    rows = draw(
        st.lists(st.tuples(*(text() for _ in headers)), min_size=1, max_size=3),
        label="rows",
    )
    if draw(st.booleans()):
        dataset = tablib.Dataset(*rows, headers=headers)
        return SimpleUploadedFile("nhap.csv", dataset.export("csv").encode("utf-8-sig"))
    # An Excel cell cannot hold control characters: the file is what Excel could have saved.
    cells = [tuple(ILLEGAL_CHARACTERS_RE.sub("", cell) for cell in row) for row in rows]
    return SimpleUploadedFile("nhap.xlsx", tablib.Dataset(*cells, headers=headers).xlsx)


def _choice(count: int) -> st.SearchStrategy[str]:
    """An index among ``count`` choices, or one out of range or not a number."""
    return st.one_of(
        st.integers(0, max(count - 1, 0)).map(str),
        st.sampled_from(["-1", "99", "", "abc", "1e309", "²"]),
    )


@pytest.fixture
def baseline(admin_client, world):  # noqa: F811 - the imported fixture
    return fingerprint()


@FUZZ
@given(data=st.data())
def test_any_file_at_the_import_preview_is_answered_and_stores_nothing(
    admin_client, baseline, data
):
    model = data.draw(st.sampled_from(IMPORTABLE), label="model")
    formats = admin.site._registry[model].get_import_formats()
    upload = data.draw(import_file(model), label="file")
    form = {
        "resource": data.draw(_choice(1), label="resource"),
        "format": data.draw(_choice(len(formats)), label="format"),
        "import_file": upload,
    }
    with transaction.atomic():
        response = admin_client.post(_admin_url(model, "import"), form)
        assert response.status_code < 500
        confirm = response.context and response.context.get("confirm_form")
        event(f"{response.status_code} {'confirmable' if confirm else 'refused'}")
        assert changed_tables(baseline) == set()
        transaction.set_rollback(True)


@FUZZ
@given(data=st.data())
def test_a_forged_confirmation_is_answered_and_stores_nothing(admin_client, baseline, data):
    model = data.draw(st.sampled_from(IMPORTABLE), label="model")
    formats = admin.site._registry[model].get_import_formats()
    form = {
        "import_file_name": data.draw(st.one_of(st.sampled_from(FORGED_NAMES), text())),
        "original_file_name": data.draw(text(), label="original name"),
        "format": data.draw(_choice(len(formats)), label="format"),
        "resource": data.draw(_choice(1), label="resource"),
    }
    with transaction.atomic():
        response = admin_client.post(_admin_url(model, "process_import"), form)
        assert response.status_code < 500
        event(str(response.status_code))
        assert changed_tables(baseline) == set()
        transaction.set_rollback(True)
