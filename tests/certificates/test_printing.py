"""Printing a decision's certificates as an export job (certificates/exporters.py), who may,
and the print box on the decision page."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from awards.models import AwardGrant
from certificates.exporters import authorize, filename, title
from certificates.models import Certificate
from organizations.models import Council, Membership
from reports.models import ExportJob
from tests.certificates.conftest import make_decision, pdf_pages
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _other_council_secretariat(tree):
    Council.objects.create(unit=tree.other_province, name="Hội đồng tỉnh khác")
    return MembershipFactory(
        user=UserFactory(username="thuongtruc_khac"),
        unit=tree.other_province,
        role=Membership.Role.SECRETARIAT,
    ).user


def test_the_secretariat_and_superusers_may_print(printing):
    params = {"decision": str(printing.decision.pk), "mode": "preprinted"}
    root = UserFactory(username="root", is_superuser=True, is_staff=True)

    assert authorize(printing.secretariat, params) == {
        "decision": printing.decision.pk,
        "mode": "preprinted",
    }
    assert authorize(root, {"decision": [str(printing.decision.pk)]})["mode"] == "full"


def test_a_council_member_sees_the_decision_but_may_not_print(printing):
    with pytest.raises(PermissionDenied):
        authorize(printing.member, {"decision": str(printing.decision.pk)})


@pytest.mark.parametrize("who", ["officer", "other_secretariat"])
def test_anyone_else_does_not_learn_the_decision_exists(printing, tree, officer_a, who):
    user = officer_a if who == "officer" else _other_council_secretariat(tree)
    with pytest.raises(Http404):
        authorize(user, {"decision": str(printing.decision.pk)})


@pytest.mark.parametrize("decision", ["999999", "abc", None])
def test_an_unknown_decision_is_a_404(printing, decision):
    with pytest.raises(Http404):
        authorize(printing.secretariat, {"decision": decision})


def test_a_wrong_mode_or_nothing_to_print_is_refused(printing, tree):
    with pytest.raises(ValidationError):
        authorize(printing.secretariat, {"decision": str(printing.decision.pk), "mode": "x"})
    empty = make_decision(tree, number="26/QĐ-UBND")
    with pytest.raises(ValidationError):
        authorize(printing.secretariat, {"decision": str(empty.pk)})


def test_the_job_has_a_title_and_an_ascii_file_name(printing):
    params = {"decision": printing.decision.pk, "mode": "preprinted"}

    assert "25/QĐ-UBND" in title(params)
    assert filename(params, "pdf") == "bang-khen-giay-khen-25-qd-ubnd-in-phoi.pdf"
    assert filename({**params, "mode": "full"}, "pdf") == "bang-khen-giay-khen-25-qd-ubnd.pdf"


def _ask(client, decision, capture, mode="full"):
    with capture(execute=True):
        return client.post(
            reverse("reports:job_new", args=["certificates", "pdf"]),
            {"decision": str(decision.pk), "mode": mode},
        )


def test_printing_runs_as_an_export_job(client, printing, django_capture_on_commit_callbacks):
    client.force_login(printing.secretariat)

    response = _ask(client, printing.decision, django_capture_on_commit_callbacks)

    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("reports:job_detail", args=[job.pk])
    assert job.status == ExportJob.Status.READY, job.error
    assert (job.done, job.total) == (4, 4)
    with job.file.open("rb") as handle:
        assert len(pdf_pages(handle.read())) == 4
    assert Certificate.objects.filter(printed_by=printing.secretariat).count() == 4


@pytest.mark.parametrize(("who", "status"), [("member", 403), ("officer", 404)])
def test_printing_is_refused_to_others(
    client, printing, officer_a, django_capture_on_commit_callbacks, who, status
):
    client.force_login(printing.member if who == "member" else officer_a)

    response = _ask(client, printing.decision, django_capture_on_commit_callbacks)

    assert response.status_code == status
    assert not ExportJob.objects.exists()


def test_the_decision_page_offers_printing_to_the_secretariat(client, printing):
    client.force_login(printing.secretariat)

    page = client.get(reverse("dossiers:decision_detail", args=[printing.decision.pk])).text

    assert 'id="certificate-print"' in page
    assert f'action="{reverse("reports:job_new", args=["certificates", "pdf"])}"' in page
    assert f'name="decision" value="{printing.decision.pk}"' in page
    assert 'name="mode" id="certificate-mode-full" value="full" checked' in page
    assert 'value="preprinted"' in page
    assert "Lê Văn Thu Hồi" in page.split('id="certificate-revoked"')[1].split("</p>")[0]


def test_the_decision_page_links_staff_to_the_templates_positions(client, printing):
    admin = UserFactory(username="quantri", is_superuser=True, is_staff=True)
    client.force_login(admin)

    page = client.get(reverse("dossiers:decision_detail", args=[printing.decision.pk])).text

    template_links = page.split('id="certificate-print"')[1].split("</section>")[0]
    assert "/admin/certificates/certificatetemplate/" in template_links


def test_the_decision_page_shows_no_print_box_to_a_council_member(client, printing):
    client.force_login(printing.member)

    response = client.get(reverse("dossiers:decision_detail", args=[printing.decision.pk]))

    assert response.status_code == 200
    assert 'id="certificate-print"' not in response.text


def test_the_print_box_says_when_the_certificates_were_printed(client, printing):
    Certificate.objects.bulk_create(
        Certificate(
            grant=g,
            times_printed=2,
            printed_at=datetime.datetime(2021, 2, 1, 3, 0, tzinfo=datetime.UTC),
        )
        for g in AwardGrant.objects.filter(decision=printing.decision, revoked=False)
    )
    client.force_login(printing.secretariat)

    page = client.get(reverse("dossiers:decision_detail", args=[printing.decision.pk])).text

    printed = page.split('id="certificate-printed"')[1].split("</p>")[0]
    assert "2" in printed
    assert "01/02/2021 10:00" in printed
