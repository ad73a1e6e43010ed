"""Clusters: the document checklist and uploads, downloads, leaders by year, who sees what."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from campaigns.models import Cluster, ClusterDocument
from campaigns.services.clusters import cluster_election_record, cluster_update
from common.models import StateChange
from tests.campaigns.conftest import officer
from tests.factories import UnitFactory
from tests.uploads import encrypted_pdf_bytes, pdf_bytes, png_bytes, uploaded

pytestmark = pytest.mark.django_db


def upload(client, cluster, name, data, kind="pledge"):
    return client.post(
        reverse("campaigns:cluster_document_upload", args=[cluster.pk]),
        {"kind": kind, "file": uploaded(name, data)},
        follow=True,
    )


def test_leader_uploads_pledge_and_checklist_shows_it_received(client, clusters, officer_a):
    client.force_login(officer_a)

    response = upload(client, clusters.cluster, "Giao ước thi đua 2020.pdf", pdf_bytes(pages=3))

    document = ClusterDocument.objects.get()
    assert (document.kind, document.pages, document.original_name) == (
        "pledge",
        3,
        "Giao ước thi đua 2020.pdf",
    )
    assert "Giao ước" not in document.file.name
    assert document.file.name.startswith("clusters/")
    checklist = {item.kind: item for item in response.context["checklist"]}
    assert checklist["pledge"].current == document
    assert response.context["missing"] == 4


def test_replacing_a_document_keeps_the_earlier_version(client, clusters, officer_a):
    client.force_login(officer_a)
    upload(client, clusters.cluster, "giao-uoc-v1.pdf", pdf_bytes())

    response = upload(client, clusters.cluster, "giao-uoc-v2.png", png_bytes())

    item = next(i for i in response.context["checklist"] if i.kind == "pledge")
    assert item.current.original_name == "giao-uoc-v2.png"
    assert [old.original_name for old in item.previous] == ["giao-uoc-v1.pdf"]
    assert "giao-uoc-v1.pdf" in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [b"<html><script>alert(1)</script></html>", encrypted_pdf_bytes(), b""],
    ids=["html", "encrypted", "empty"],
)
def test_refused_upload_leaves_cluster_as_it_was(client, clusters, officer_a, data):
    client.force_login(officer_a)
    upload(client, clusters.cluster, "giao-uoc-v1.pdf", pdf_bytes())

    response = upload(client, clusters.cluster, "giao-uoc.pdf", data)

    assert ClusterDocument.objects.get().original_name == "giao-uoc-v1.pdf"
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_refused_upload_message_is_vietnamese(client, clusters, officer_a):
    client.force_login(officer_a)

    response = upload(client, clusters.cluster, "giao-uoc.pdf", b"MZ\x90\x00 not a pdf")

    assert not ClusterDocument.objects.exists()
    (message,) = [str(m) for m in response.context["messages"]]
    assert "PDF" in message
    assert "không" in message.lower()


def test_members_and_deputy_cannot_upload_only_the_leader(client, clusters):
    deputy_officer = clusters.officer_of(clusters.members[1])
    client.force_login(deputy_officer)

    response = client.post(
        reverse("campaigns:cluster_document_upload", args=[clusters.cluster.pk]),
        {"kind": "pledge", "file": uploaded("a.pdf", pdf_bytes())},
    )

    assert response.status_code == 403
    assert not ClusterDocument.objects.exists()


def test_leader_of_one_cluster_has_no_role_in_another(client, clusters, officer_a):
    client.force_login(officer_a)

    assert (
        client.get(reverse("campaigns:cluster_detail", args=[clusters.other.pk])).status_code == 404
    )
    response = client.post(
        reverse("campaigns:cluster_document_upload", args=[clusters.other.pk]),
        {"kind": "pledge", "file": uploaded("a.pdf", pdf_bytes())},
    )
    assert response.status_code == 404


def test_document_download_only_for_those_who_see_the_cluster(client, clusters, officer_a):
    client.force_login(officer_a)
    upload(client, clusters.cluster, "Giao ước.pdf", pdf_bytes())
    url = reverse("campaigns:cluster_document_download", args=[ClusterDocument.objects.get().pk])

    client.force_login(clusters.officer_of(clusters.members[2]))  # a member
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in response["Content-Disposition"]
    assert "filename*=utf-8''Giao%20%C6%B0%E1%BB%9Bc.pdf" in response["Content-Disposition"]
    # Reading to the end closes the file, as the server does (response.close() here would also
    # close the test's database connection).
    assert b"".join(response.streaming_content).startswith(b"%PDF-")

    client.force_login(clusters.officers[clusters.other.leader_id])  # cluster 2's leader
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_council_member_in_charge_sees_the_cluster(client, clusters):
    in_charge = officer(UnitFactory(name="Sở Khác"), "uyvien")
    clusters.cluster.in_charge = in_charge
    clusters.cluster.save()
    client.force_login(in_charge)

    response = client.get(reverse("campaigns:cluster_detail", args=[clusters.cluster.pk]))

    assert response.status_code == 200


def test_leader_must_be_a_member(clusters, secretariat, tree):
    with pytest.raises(ValidationError, match="cụm trưởng phải là thành viên"):
        cluster_update(cluster=clusters.cluster, actor=secretariat, leader=tree.group_a)


def test_election_sets_next_years_leader_and_shows_past_leaders(client, clusters, secretariat):
    cluster = clusters.cluster
    new_leader, new_deputy = clusters.members[2], clusters.members[3]

    next_year = cluster_election_record(
        cluster=cluster,
        leader=new_leader,
        deputy=new_deputy,
        held_on=datetime.date(2020, 12, 15),
        actor=secretariat,
        note="Hội nghị tổng kết cụm",
    )

    assert (next_year.year, next_year.leader, next_year.deputy) == (2021, new_leader, new_deputy)
    assert set(next_year.members.all()) == set(clusters.members)
    assert next_year.criteria.count() == 4
    change = StateChange.objects.get(object_id=next_year.pk, field="leader")
    assert (change.from_state, change.to_state, change.reason) == (
        "",
        new_leader.name,
        "Hội nghị tổng kết cụm",
    )
    # the rotation: the new leader's officer leads 2021 only
    client.force_login(clusters.officer_of(new_leader))
    response = client.get(reverse("campaigns:cluster_detail", args=[next_year.pk]))
    assert response.context["is_leader"]
    assert [(c.year, c.leader) for c in response.context["series"]] == [
        (2021, new_leader),
        (2020, clusters.members[0]),
    ]
    response = client.get(reverse("campaigns:cluster_detail", args=[cluster.pk]))
    assert not response.context["is_leader"]


def test_election_page_is_for_the_council_not_the_leader(client, clusters, officer_a, secretariat):
    url = reverse("campaigns:cluster_election", args=[clusters.cluster.pk])
    client.force_login(officer_a)
    assert client.get(url).status_code == 403

    client.force_login(secretariat)
    response = client.post(
        url,
        {
            "held_on": "15/12/2020",
            "leader": clusters.members[1].pk,
            "deputy": clusters.members[1].pk,
        },
    )
    assert response.status_code == 200
    assert "phải là hai đơn vị khác nhau" in response.content.decode()
    assert not Cluster.objects.filter(year=2021).exists()


def test_secretariat_creates_cluster_in_browser(client, tree, secretariat):
    client.force_login(secretariat)

    response = client.post(
        reverse("campaigns:cluster_create"),
        {
            "year": "2021",
            "kind": "bloc",
            "number": "3",
            "name": "Khối các phường",
            "members": [tree.ward_a.pk, tree.ward_b.pk],
            "leader": tree.ward_b.pk,
            "scope": "collectives",
            "difference_threshold": "5",
            "quorum_percent": "67",
            "majority_percent": "50",
        },
    )

    cluster = Cluster.objects.get(number=3)
    assert response.url == reverse("campaigns:cluster_detail", args=[cluster.pk])
    assert (cluster.kind, cluster.leader, cluster.council) == ("bloc", tree.ward_b, tree.council)


@pytest.mark.parametrize("count", [2, 25])
def test_cluster_list_query_count_does_not_grow(
    client, django_assert_num_queries, tree, secretariat, count
):
    for number in range(1, count + 1):
        cluster = Cluster.objects.create(
            council=tree.council, year=2020, number=number, name=f"Cụm {number}", leader=tree.ward_a
        )
        cluster.members.set([tree.ward_a, tree.ward_b])
    client.force_login(secretariat)

    # savepoint, session, user, clusters, can-create, release
    with django_assert_num_queries(6):
        response = client.get(reverse("campaigns:cluster_list"))

    assert len(response.context["clusters"]) == count


@pytest.mark.parametrize("versions", [1, 6])
def test_cluster_page_query_count_does_not_grow_with_versions(
    client, django_assert_num_queries, clusters, officer_a, versions
):
    client.force_login(officer_a)
    for i in range(versions):
        upload(client, clusters.cluster, f"v{i}.pdf", pdf_bytes(), kind="regulation")
    url = reverse("campaigns:cluster_detail", args=[clusters.cluster.pk])
    client.get(url)  # content types cached, as in a running server

    # the user's memberships are read once per request, not once per permission checked
    with django_assert_num_queries(13):
        response = client.get(url)

    assert response.status_code == 200


def test_refused_cluster_upload_keeps_the_chosen_document_type(client, clusters, officer_a):
    client.force_login(officer_a)

    response = upload(client, clusters.cluster, "ds.pdf", b"MZ not a pdf", kind="registration_list")

    assert not ClusterDocument.objects.exists()
    assert response.context["upload_form"]["kind"].value() == "registration_list"
    assert '<option value="registration_list" selected>' in response.content.decode()
