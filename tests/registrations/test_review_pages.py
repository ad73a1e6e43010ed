"""The cluster leader reviews members' registrations and consolidates them; the secretariat
receives units outside the clusters and the cluster lists. Each sees only his own."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns.models import ClusterDocument
from campaigns.services.clusters import cluster_document_add
from common.models import StateChange
from common.uploads import check_upload
from registrations.models import ClusterList, Registration
from registrations.services.registrations import registration_submit
from tests.registrations.conftest import BEFORE, registration_with_lines
from tests.uploads import pdf_bytes


@pytest.fixture
def in_window(monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: datetime.date(2020, 2, 20))


def submitted(setup, unit, **kwargs) -> Registration:
    registration = registration_with_lines(setup, unit, **kwargs)
    return registration_submit(registration=registration, actor=None, today=BEFORE)


def test_leader_returns_a_registration_with_a_note_on_one_line(client, window, officer_a):
    ward_b = window.clusters.members[1]
    registration = submitted(window, ward_b, people=2)
    entries = list(registration.entries.order_by("order"))
    client.force_login(officer_a)  # ward_a leads cluster 1
    page = client.get(reverse("registrations:detail", args=[registration.pk]))
    assert 'id="review-form"' in page.content.decode()
    client.post(
        reverse("registrations:review", args=[registration.pk]),
        {"decision": "return", "reason": "Thiếu năm sinh", f"note-{entries[2].pk}": "Ghi năm sinh"},
    )
    registration.refresh_from_db()
    assert registration.status == "returned"
    assert registration.return_reason == "Thiếu năm sinh"
    assert registration.entries.get(pk=entries[2].pk).review_note == "Ghi năm sinh"
    change = StateChange.objects.filter(object_id=registration.pk, to_state="returned").get()
    assert (change.actor, change.from_state, change.reason) == (
        officer_a,
        "submitted",
        "Thiếu năm sinh",
    )


def test_return_needs_a_reason(client, window, officer_a):
    registration = submitted(window, window.clusters.members[1])
    client.force_login(officer_a)
    client.post(reverse("registrations:review", args=[registration.pk]), {"decision": "return"})
    registration.refresh_from_db()
    assert registration.status == "submitted"


def test_member_cannot_review_and_other_leader_cannot_see(client, window):
    registration = submitted(window, window.clusters.members[1])
    member = window.clusters.officer_of(window.clusters.members[2])
    client.force_login(member)
    url = reverse("registrations:review", args=[registration.pk])
    assert client.post(url, {"decision": "accept"}).status_code == 404
    other_leader = window.clusters.officer_of(window.clusters.other.leader)
    client.force_login(other_leader)
    assert client.post(url, {"decision": "accept"}).status_code == 404
    page = reverse(
        "registrations:cluster_list", args=[window.window.pk, window.clusters.cluster.pk]
    )
    assert client.get(page).status_code == 404
    registration.refresh_from_db()
    assert registration.status == "submitted"


def test_outside_clusters_the_secretariat_reviews(client, window, secretariat, officer_a):
    registration = submitted(window, window.outsider)
    assert registration.cluster is None
    client.force_login(officer_a)
    url = reverse("registrations:review", args=[registration.pk])
    assert client.post(url, {"decision": "accept"}).status_code == 404
    client.force_login(secretariat)
    client.post(url, {"decision": "accept"})
    registration.refresh_from_db()
    assert registration.status == "accepted"


def test_secretariat_cannot_review_inside_a_cluster(client, window, secretariat):
    registration = submitted(window, window.clusters.members[1])
    client.force_login(secretariat)
    response = client.post(
        reverse("registrations:review", args=[registration.pk]), {"decision": "accept"}
    )
    assert response.status_code == 403


def upload_documents(cluster, actor):
    for kind in ClusterDocument.Kind:
        if kind != ClusterDocument.Kind.REGISTRATION_LIST:
            upload = SimpleUploadedFile(f"{kind}.pdf", pdf_bytes(), "application/pdf")
            upload.checked = check_upload(upload)
            cluster_document_add(cluster=cluster, kind=kind, uploaded_file=upload, actor=actor)


def test_leader_consolidates_and_sends_the_cluster_list(client, window, officer_a, in_window):
    cluster = window.clusters.cluster
    ward_a, ward_b = window.clusters.members[:2]
    for unit in (ward_a, ward_b):
        registration = submitted(window, unit)
        client.force_login(officer_a)
        client.post(reverse("registrations:review", args=[registration.pk]), {"decision": "accept"})
    page_url = reverse("registrations:cluster_list", args=[window.window.pk, cluster.pk])
    client.force_login(officer_a)
    client.get(page_url)
    cluster_list = ClusterList.objects.get(cluster=cluster)
    client.post(reverse("registrations:consolidate", args=[cluster_list.pk]))
    assert cluster_list.registrations.count() == 2
    page = client.get(page_url).content.decode()
    # collectives first, then individuals (son-tay-2020 §5.2)
    assert page.index('data-kind="collective"') < page.index('data-kind="individual"')
    refused = client.post(reverse("registrations:list_submit", args=[cluster_list.pk]), follow=True)
    assert "Giao ước" in refused.content.decode() or "giao ước" in refused.content.decode()
    cluster_list.refresh_from_db()
    assert cluster_list.status == "draft"
    upload_documents(cluster, officer_a)
    client.post(reverse("registrations:list_submit", args=[cluster_list.pk]))
    cluster_list.refresh_from_db()
    assert cluster_list.status == "submitted"


def test_secretariat_accepts_a_submitted_list(client, window, secretariat, officer_a, in_window):
    cluster = window.clusters.cluster
    registration = submitted(window, window.clusters.members[0])
    client.force_login(officer_a)
    client.post(reverse("registrations:review", args=[registration.pk]), {"decision": "accept"})
    client.get(reverse("registrations:cluster_list", args=[window.window.pk, cluster.pk]))
    cluster_list = ClusterList.objects.get(cluster=cluster)
    client.post(reverse("registrations:consolidate", args=[cluster_list.pk]))
    upload_documents(cluster, officer_a)
    client.post(reverse("registrations:list_submit", args=[cluster_list.pk]))
    review = reverse("registrations:list_review", args=[cluster_list.pk])
    assert client.post(review, {"decision": "accept"}).status_code == 403  # not the leader's
    client.force_login(secretariat)
    client.post(review, {"decision": "accept"})
    cluster_list.refresh_from_db()
    assert cluster_list.status == "accepted"
