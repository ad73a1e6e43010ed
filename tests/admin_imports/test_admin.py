"""Import through the admin as a superuser: the preview shows a bad row's error and saves
nothing; a good file goes through preview and confirmation and adds its rows; workflow state
never changes by import."""

import pytest
import tablib
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from import_export.forms import SelectableFieldsExportForm

from common.models import StateChange
from dossiers.models import Dossier
from dossiers.resources import DossierResource
from registrations.models import RegistrationWindow
from registrations.resources import RegistrationWindowResource
from tests.admin_imports.cases import CASES, UNKNOWN_UNIT, exported, with_row

pytestmark = pytest.mark.django_db


def _index(formats, fmt: str) -> int:
    return next(i for i, f in enumerate(formats) if f().get_title() == fmt)


def _preview(client, case, dataset, fmt: str = "csv"):
    model_admin = admin.site._registry[case.model]
    index = _index(model_admin.get_import_formats(), fmt)
    content = dataset if isinstance(dataset, bytes) else dataset.export(fmt).encode("utf-8-sig")
    upload = SimpleUploadedFile(f"nhap.{fmt}", content)
    return client.post(
        reverse(f"{case.admin}_import"),
        {"resource": "0", "format": index, "import_file": upload},
    )


def _confirm(client, case, preview):
    return client.post(
        reverse(f"{case.admin}_process_import"), preview.context["confirm_form"].initial
    )


@pytest.mark.parametrize("case", CASES, ids=str)
def test_admin_pages_open(admin_client, world, case):
    obj = case.model.objects.first()

    for url in (
        reverse(f"{case.admin}_changelist"),
        reverse(f"{case.admin}_import"),
        reverse(f"{case.admin}_export"),
        reverse(f"{case.admin}_change", args=[obj.pk]),
    ):
        assert admin_client.get(url).status_code == 200, url


@pytest.mark.parametrize("case", CASES, ids=str)
def test_admin_xlsx_export_imports_back_unchanged(admin_client, world, case):
    model_admin = admin.site._registry[case.model]
    resource = case.resource
    selected = {
        SelectableFieldsExportForm.create_boolean_field_name(resource, name): "on"
        for name in resource().get_export_order()
    }
    exported_file = admin_client.post(
        reverse(f"{case.admin}_export"),
        {"format": _index(model_admin.get_export_formats(), "xlsx"), "resource": "0"} | selected,
    )
    assert exported_file.status_code == 200
    sheet = tablib.Dataset().load(exported_file.content, format="xlsx")
    assert sheet.headers == list(exported(resource).headers)

    preview = _preview(admin_client, case, exported_file.content, fmt="xlsx")

    totals = preview.context["result"].totals
    assert totals["skip"] == case.model.objects.count()
    assert totals["new"] == totals["update"] == totals["invalid"] == totals["error"] == 0


@pytest.mark.parametrize("case", CASES, ids=str)
def test_admin_preview_shows_an_unknown_unit_and_saves_nothing(admin_client, world, case):
    dataset = with_row(exported(case.resource), case.resource, {case.bad_field: UNKNOWN_UNIT})
    before = (case.model.objects.count(), StateChange.objects.count())

    preview = _preview(admin_client, case, dataset)

    assert preview.status_code == 200
    result = preview.context["result"]
    assert result.has_validation_errors()
    assert "confirm_form" not in preview.context
    assert UNKNOWN_UNIT in preview.content.decode()
    assert (case.model.objects.count(), StateChange.objects.count()) == before


@pytest.mark.parametrize("case", [c for c in CASES if c.new_row is not None], ids=str)
def test_admin_good_file_previews_then_adds_its_row(admin_client, world, case):
    dataset = with_row(exported(case.resource), case.resource, case.new_row)
    before = case.model.objects.count()

    preview = _preview(admin_client, case, dataset)

    result = preview.context["result"]
    assert not result.has_errors()
    assert not result.has_validation_errors(), [r.error_dict for r in result.invalid_rows]
    assert result.totals["new"] == 1
    assert case.model.objects.count() == before  # the preview saved nothing

    response = _confirm(admin_client, case, preview)

    assert response.status_code == 302
    assert case.model.objects.count() == before + 1


def test_admin_new_cluster_result_is_refused(admin_client, world):
    case = next(c for c in CASES if str(c) == "ClusterResult")
    dataset = with_row(exported(case.resource), case.resource, {"unit": "99002"})
    world.cluster.results.filter(unit=world.tree.ward_b).delete()

    preview = _preview(admin_client, case, dataset)

    assert preview.context["result"].has_validation_errors()
    assert "confirm_form" not in preview.context


def test_admin_import_cannot_change_a_dossier_status(admin_client, world):
    case = next(c for c in CASES if c.resource is DossierResource)
    dataset = with_row(exported(DossierResource), DossierResource, {"status": "decided"})

    preview = _preview(admin_client, case, dataset)

    [row] = preview.context["result"].invalid_rows
    status_column = DossierResource().fields["status"].column_name
    assert "decided" in " ".join(row.error_dict[status_column])
    assert "confirm_form" not in preview.context
    world.dossier.refresh_from_db()
    assert world.dossier.status == Dossier.Status.DRAFT


def test_admin_new_dossier_starts_as_a_draft_whatever_the_file_says(admin_client, world):
    case = next(c for c in CASES if c.resource is DossierResource)
    dataset = with_row(
        exported(DossierResource), DossierResource, {"unit": "99002", "status": "submitted"}
    )

    preview = _preview(admin_client, case, dataset)

    assert preview.context["result"].has_validation_errors()
    assert not Dossier.objects.filter(unit=world.tree.ward_b).exists()


def test_admin_import_records_a_new_last_day_with_the_file_as_reason(admin_client, world):
    case = next(c for c in CASES if c.resource is RegistrationWindowResource)
    dataset = with_row(
        exported(RegistrationWindowResource),
        RegistrationWindowResource,
        {"closes_on": "15/03/2025"},
    )

    preview = _preview(admin_client, case, dataset)
    assert preview.context["result"].totals["update"] == 1
    _confirm(admin_client, case, preview)

    window = RegistrationWindow.objects.get(pk=world.window.pk)
    assert window.closes_on.isoformat() == "2025-03-15"
    change = StateChange.objects.filter(object_id=window.pk, field="closes_on").latest("at")
    assert (change.from_state, change.to_state) == ("28/02/2025", "15/03/2025")
    assert change.actor.username == "admin"
    assert "nhap.csv" in change.reason


def test_admin_confirms_only_the_file_its_own_preview_stored(admin_client, world, tmp_path):
    import tempfile

    from django.contrib.auth import get_user_model

    case = CASES[0]
    dataset = with_row(exported(case.resource), case.resource, case.new_row)
    before = case.model.objects.count()
    # A file in the temporary folder that no preview of this session stored.
    with tempfile.NamedTemporaryFile("wb", delete=False) as planted:
        planted.write(dataset.export("csv").encode("utf-8-sig"))
    index = _index(admin.site._registry[case.model].get_import_formats(), "csv")
    forged = {"import_file_name": planted.name, "original_file_name": "x.csv", "format": index}

    for data, field in (
        (forged, "import_file_name"),
        ({**forged, "format": "7"}, "format"),
        ({**forged, "import_file_name": tempfile.gettempdir() + "/.."}, "import_file_name"),
    ):
        response = admin_client.post(reverse(f"{case.admin}_process_import"), data)
        assert response.status_code == 200
        assert field in response.context["confirm_form"].errors
    assert case.model.objects.count() == before

    preview = _preview(admin_client, case, dataset)  # another administrator's preview
    other = get_user_model().objects.create_superuser("quantri2", "q2@example.com", "x")
    admin_client.force_login(other)
    assert _confirm(admin_client, case, preview).status_code == 200
    assert case.model.objects.count() == before
