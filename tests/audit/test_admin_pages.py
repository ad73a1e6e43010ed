"""The admin's own import pages record who imported which file; the audit entries' admin is
read-only and filters by kind of record, action, user, source and date."""

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from common.audit import ADMIN_IMPORT, AuditTrail, snapshot
from common.models import AuditEntry
from organizations.models import Council
from organizations.resources import CouncilResource
from tests.admin_imports.cases import exported, with_row
from tests.audit.conftest import entries_of

pytestmark = pytest.mark.django_db


def _csv_index(model) -> int:
    formats = admin.site._registry[model].get_import_formats()
    return next(i for i, f in enumerate(formats) if f().get_title() == "csv")


def test_an_import_in_the_admin_records_the_user_and_file_only_once_confirmed(
    admin_client, admin_user, world
):
    dataset = with_row(exported(CouncilResource), CouncilResource, {"name": "Hội đồng mới"})
    upload = SimpleUploadedFile("hoi-dong.csv", dataset.export("csv").encode("utf-8-sig"))

    preview = admin_client.post(
        reverse("admin:organizations_council_import"),
        {"resource": "0", "format": _csv_index(Council), "import_file": upload},
    )

    assert preview.status_code == 200
    assert not AuditEntry.objects.filter(source=ADMIN_IMPORT).exists()  # the world's own aside

    confirmed = admin_client.post(
        reverse("admin:organizations_council_process_import"),
        preview.context["confirm_form"].initial,
    )

    assert confirmed.status_code == 302
    [entry] = entries_of(Council)
    assert (entry.action, entry.actor, entry.source, entry.reference) == (
        AuditEntry.Action.UPDATE,
        admin_user,
        ADMIN_IMPORT,
        "hoi-dong.csv",
    )
    assert entry.changes["after"] == {"name": "Hội đồng mới"}


@pytest.fixture
def entry(tree, admin_user) -> AuditEntry:
    unit = tree.ward_b
    before = snapshot(unit)
    unit.name = "Phường Bình Minh Mới"
    unit.save()
    trail = AuditTrail(actor=admin_user, source=ADMIN_IMPORT, reference="don-vi.xlsx")
    trail.updated(unit, before=before)
    [saved] = trail.save()
    return saved


def test_the_entries_list_opens_with_its_filters(admin_client, entry):
    url = reverse("admin:common_auditentry_changelist")

    for query in (
        "",
        f"?content_type__id__exact={entry.content_type_id}",
        "?action__exact=update",
        f"?actor__id__exact={entry.actor_id}",
        f"?source={ADMIN_IMPORT}",
        "?created_at__gte=2000-01-01+00:00:00%2B07:00",
        f"?q={entry.object_id}",
    ):
        response = admin_client.get(url + query)
        assert response.status_code == 200, query
        assert response.context["cl"].result_count == 1, query

    assert admin_client.get(url + "?source=other").context["cl"].result_count == 0
    assert admin_client.get(url + "?q=don-vi").context["cl"].result_count == 1
    assert admin_client.get(url + "?q=khong-co").context["cl"].result_count == 0


def test_an_entry_shows_its_changes_and_cannot_be_changed_added_or_deleted(admin_client, entry):
    page = admin_client.get(reverse("admin:common_auditentry_change", args=[entry.pk]))

    assert page.status_code == 200
    text = page.content.decode()
    assert "Phường Bình Minh" in text
    assert "Phường Bình Minh Mới" in text
    assert "don-vi.xlsx" in text
    assert 'name="_save"' not in text
    assert admin_client.get(reverse("admin:common_auditentry_add")).status_code == 403
    delete = reverse("admin:common_auditentry_delete", args=[entry.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
