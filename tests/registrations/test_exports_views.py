"""The export views (registrations/views/exports.py) and the export box of the overview and cluster
list pages (templates/registrations/_exports.html): who may ask for, poll and download which
export, and what the page shows while a file renders, when it is ready and when it failed.

Data: ``exported`` of tests/registrations/test_exports.py (cluster 1's list consolidated).
"""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from organizations.models import Council, Membership
from registrations import exports
from registrations.exports import files as export_files
from registrations.models import ExportFile
from tests.factories import MembershipFactory, UserFactory
from tests.registrations.test_exports import (
    Exported,
    _find,
    _rows,
    build_exported,
)

JSON = {"HTTP_ACCEPT": "application/json"}


def _list_url(data, fmt: str = "xlsx") -> str:
    return reverse("registrations:list_export", args=[data.cluster_list.pk, fmt])


def _overview_url(data, fmt: str = "xlsx") -> str:
    return reverse("registrations:overview_export", args=[data.window.pk, fmt])


def _status(export) -> str:
    return reverse("registrations:export_status", args=[export.pk])


def _download(export) -> str:
    return reverse("registrations:export_download", args=[export.pk])


@pytest.fixture
def exported(window) -> Exported:
    return build_exported(window)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def foreign_secretariat(tree):
    """The secretariat of another province's council."""
    Council.objects.create(unit=tree.other_province, name="Hội đồng Thi đua – Khen thưởng tỉnh")
    return MembershipFactory(
        user=UserFactory(username="thuongtruc_khac"),
        unit=tree.other_province,
        role=Membership.Role.SECRETARIAT,
    ).user


@pytest.fixture
def council_member(tree):
    return MembershipFactory(
        user=UserFactory(username="uyvien"), unit=tree.district, role=Membership.Role.COUNCIL_MEMBER
    ).user


def _rendered(exported, **kwargs) -> ExportFile:
    export = exports.export_request(window=exported.window, **kwargs)
    export_files.export_store(export=export)
    export.refresh_from_db()
    return export


# --- Asking, polling, downloading ---------------------------------------------------------------


def test_the_leader_exports_the_list_to_excel(
    client, exported, media, django_capture_on_commit_callbacks
):
    client.force_login(exported.leader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_list_url(exported))
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "registrations:cluster_list", args=[exported.window.pk, exported.setup.clusters.cluster.pk]
    )
    export = ExportFile.objects.get()
    assert (export.subject, export.format) == ("cluster_list", "xlsx")
    assert export.cluster_list == exported.cluster_list
    status = client.get(_status(export)).json()
    assert status["state"] == "ready"
    assert status["download_url"] == _download(export)
    assert status["error"] == ""
    response = client.get(_download(export))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert (
        'filename="danh-sach-dang-ky-thi-dua-cum-1-nam-2020.xlsx"'
        in (response["Content-Disposition"])
    )
    rows = _rows(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active)
    assert _find(rows, "Phường Bình Minh")


def test_a_request_from_the_page_script_gets_json(
    client, exported, media, django_capture_on_commit_callbacks
):
    client.force_login(exported.leader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_list_url(exported, "pdf"), **JSON)
    assert response.status_code == 202
    data = response.json()
    export = ExportFile.objects.get()
    # Celery runs in-process here: the file is rendered once the request's transaction commits.
    assert data["status_url"] == _status(export)
    assert data["state"] in ("rendering", "ready")
    assert client.get(_status(export)).json()["state"] == "ready"


def test_the_status_says_rendering_until_the_task_ran(client, exported, media):
    client.force_login(exported.leader)
    response = client.post(_list_url(exported), **JSON)  # on_commit callbacks not run
    assert response.json()["state"] == "rendering"
    export = ExportFile.objects.get()
    status = client.get(_status(export)).json()
    assert status["state"] == "rendering"
    assert status["download_url"] == ""
    assert client.get(_download(export)).status_code == 404


def test_the_secretariat_exports_the_overview_to_pdf(
    client, exported, media, secretariat, django_capture_on_commit_callbacks
):
    client.force_login(secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_overview_url(exported, "pdf"))
    assert response["Location"] == reverse("registrations:overview", args=[exported.window.pk])
    export = ExportFile.objects.get(subject="overview")
    response = client.get(_download(export))
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="tong-hop-dang-ky-thi-dua-nam-2020.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_secretariat_reviewing_the_list_may_export_it(client, exported, media, secretariat):
    client.force_login(secretariat)
    assert client.post(_list_url(exported), **JSON).status_code == 202


def test_an_unknown_format_is_not_found(client, exported, secretariat):
    client.force_login(exported.leader)
    assert client.post(_list_url(exported, "docx")).status_code == 404
    client.force_login(secretariat)
    assert client.post(_overview_url(exported, "csv")).status_code == 404
    assert not ExportFile.objects.exists()


def test_asking_needs_a_post(client, exported):
    client.force_login(exported.leader)
    assert client.get(_list_url(exported)).status_code == 405


def test_anonymous_users_are_sent_to_log_in(client, exported, media):
    export = _rendered(exported, fmt="xlsx")
    for url in (_overview_url(exported), _status(export), _download(export)):
        response = client.post(url) if "export/" in url else client.get(url)
        assert response.status_code == 302
        assert "/login" in response["Location"] or "dang-nhap" in response["Location"]


# --- Permissions --------------------------------------------------------------------------------


def test_another_clusters_leader_cannot_reach_the_list_export(client, exported, media):
    export = _rendered(exported, fmt="xlsx", cluster_list=exported.cluster_list)
    other_leader = exported.setup.clusters.officer_of(exported.setup.clusters.other.leader)
    client.force_login(other_leader)
    assert client.post(_list_url(exported)).status_code == 404
    assert client.get(_status(export)).status_code == 404
    assert client.get(_download(export)).status_code == 404
    assert ExportFile.objects.get().requested_at == export.requested_at  # nothing asked


def test_another_clusters_leader_may_not_export_the_overview(client, exported, media):
    export = _rendered(exported, fmt="pdf")
    client.force_login(exported.setup.clusters.officer_of(exported.setup.clusters.other.leader))
    # His unit takes part in the campaign: he sees the window, but not its overview.
    assert client.post(_overview_url(exported)).status_code == 403
    assert client.get(_status(export)).status_code == 403
    assert client.get(_download(export)).status_code == 403


def test_a_member_who_does_not_lead_may_not_export_the_list(client, exported, media):
    export = _rendered(exported, fmt="xlsx", cluster_list=exported.cluster_list)
    member = exported.setup.clusters.officer_of(exported.setup.clusters.members[1])
    client.force_login(member)
    assert client.post(_list_url(exported)).status_code == 403
    assert client.get(_status(export)).status_code == 403
    assert client.get(_download(export)).status_code == 403


def test_another_councils_secretariat_gets_not_found(client, exported, media, foreign_secretariat):
    overview_export = _rendered(exported, fmt="pdf")
    list_export = _rendered(exported, fmt="xlsx", cluster_list=exported.cluster_list)
    client.force_login(foreign_secretariat)
    assert client.post(_overview_url(exported)).status_code == 404
    assert client.post(_list_url(exported)).status_code == 404
    for export in (overview_export, list_export):
        assert client.get(_status(export)).status_code == 404
        assert client.get(_download(export)).status_code == 404


def test_a_council_member_exports_the_overview_but_not_the_list(
    client, exported, media, council_member
):
    client.force_login(council_member)
    assert client.post(_overview_url(exported), **JSON).status_code == 202
    assert client.post(_list_url(exported), **JSON).status_code == 403


# --- The export box on the pages ----------------------------------------------------------------


def _list_page(client, exported):
    cluster = exported.setup.clusters.cluster
    return client.get(reverse("registrations:cluster_list", args=[exported.window.pk, cluster.pk]))


def test_the_list_page_shows_both_buttons_before_any_export(client, exported):
    client.force_login(exported.leader)
    page = _list_page(client, exported).content.decode()
    assert 'id="exports"' in page
    assert f'action="{_list_url(exported, "xlsx")}"' in page
    assert f'action="{_list_url(exported, "pdf")}"' in page
    assert page.count('data-state="none"') == 2
    assert "js/export-status.js" in page


def test_the_page_shows_progress_while_rendering(client, exported, media):
    client.force_login(exported.leader)
    client.post(_list_url(exported, "pdf"))  # not committed: still rendering
    export = ExportFile.objects.get()
    page = _list_page(client, exported).content.decode()
    box = page[page.index('data-format="pdf"') :]
    assert box.startswith(
        f'data-format="pdf" data-state="rendering" data-status-url="{_status(export)}"'
    )
    progress = box[box.index("data-export-progress") : box.index("data-export-error")]
    assert "hidden" not in progress
    assert "progress-bar-animated" in progress


def test_the_page_shows_the_download_link_and_date_when_ready(client, exported, media):
    export = _rendered(exported, fmt="xlsx", cluster_list=exported.cluster_list)
    client.force_login(exported.leader)
    page = _list_page(client, exported).content.decode()
    assert 'data-format="xlsx" data-state="ready"' in page
    assert f'href="{_download(export)}"' in page
    local = timezone.localtime(export.rendered_at)
    assert f"{local:%d/%m/%Y %H:%M}" in page


def test_the_page_shows_failed_when_rendering_raises(
    client, exported, media, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(**kwargs):
        raise OSError("font missing")

    monkeypatch.setattr(exports, "cluster_list_pdf", broken)
    client.force_login(exported.leader)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_list_url(exported, "pdf"))
    export = ExportFile.objects.get()
    assert export.error == export_files.RENDER_FAILED["pdf"]
    status = client.get(_status(export)).json()
    assert status["state"] == "failed"
    assert status["error"].startswith("Không tạo được tệp PDF")
    page = _list_page(client, exported).content.decode()
    assert 'data-format="pdf" data-state="failed"' in page
    assert export.error in page


def test_the_overview_page_has_the_export_box(client, exported, secretariat):
    client.force_login(secretariat)
    page = client.get(reverse("registrations:overview", args=[exported.window.pk])).content
    assert f'action="{_overview_url(exported, "pdf")}"'.encode() in page


def test_a_council_member_sees_no_export_box_on_the_list_page(client, exported, council_member):
    client.force_login(council_member)
    response = _list_page(client, exported)
    assert response.status_code == 200
    assert b'id="exports"' not in response.content
