"""The job pages (reports/jobs/views.py): asking, the job page and its status, downloading."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.jobs import services
from reports.jobs.services import export_request
from reports.models import ExportJob
from reports.tasks import render_export_task
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
NEW = "reports:job_new"


@pytest.fixture
def user():
    return UserFactory(username="nguoixuat", email="xuat@example.org")


@pytest.fixture
def logged_in(client, user):
    client.force_login(user)
    return client


def _post(client, capture, kind="test_people", fmt="xlsx", data=None, **headers):
    with capture(execute=True):
        return client.post(reverse(NEW, args=[kind, fmt]), data or {}, **headers)


def _ready_job(user):
    job = export_request(user=user, kind="test_people", fmt="csv", params={"year": "2020"})
    render_export_task(str(job.pk))
    job.refresh_from_db()
    return job


def test_asking_leads_to_the_job_page_with_the_posted_filters(
    sample_exporter, logged_in, user, media, django_capture_on_commit_callbacks
):
    data = {"year": "2019", "unit": ["3", "4"], "csrfmiddlewaretoken": "x"}
    response = _post(logged_in, django_capture_on_commit_callbacks, data=data)
    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("reports:job_detail", args=[job.pk])
    # Repeated keys stay lists, the CSRF token is not a parameter.
    assert sample_exporter.authorized[0] == (user, {"year": "2019", "unit": ["3", "4"]})
    assert job.params == {"year": 2019, "unit": ["3", "4"]}
    page = logged_in.get(response.url)
    assert page.status_code == 200
    assert "Danh sách thử năm 2019" in page.text
    assert reverse("reports:job_download", args=[job.pk]) in page.text


def test_asking_for_json_answers_202_with_the_status(
    sample_exporter, logged_in, media, django_capture_on_commit_callbacks
):
    response = _post(logged_in, django_capture_on_commit_callbacks, HTTP_ACCEPT="application/json")
    assert response.status_code == 202
    data = response.json()
    job = ExportJob.objects.get()
    assert data["id"] == str(job.pk)
    assert data["state"] == "queued"  # answered before the commit queued it
    assert data["status_url"] == reverse("reports:job_status", args=[job.pk])


@pytest.mark.parametrize(("kind", "fmt"), [("nothing", "xlsx"), ("test_people", "docx")])
def test_an_unknown_kind_or_format_is_a_404(
    sample_exporter, logged_in, kind, fmt, django_capture_on_commit_callbacks
):
    response = _post(logged_in, django_capture_on_commit_callbacks, kind=kind, fmt=fmt)
    assert response.status_code == 404
    assert not ExportJob.objects.exists()


@pytest.mark.parametrize(("deny", "status"), [("404", 404), ("403", 403)])
def test_the_exporters_refusal_is_the_answer(
    sample_exporter, logged_in, deny, status, django_capture_on_commit_callbacks
):
    response = _post(logged_in, django_capture_on_commit_callbacks, data={"deny": deny})
    assert response.status_code == status
    assert not ExportJob.objects.exists()


def test_invalid_filters_send_the_user_back_with_the_message(
    sample_exporter, logged_in, django_capture_on_commit_callbacks
):
    back = "http://testserver/awards/grants/?year=abc&unit=3"
    response = _post(
        logged_in,
        django_capture_on_commit_callbacks,
        data={"year": "abc"},
        HTTP_REFERER=back,
    )
    assert response.status_code == 302
    assert response.url == back
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["Năm không hợp lệ."]
    assert not ExportJob.objects.exists()


def test_a_foreign_referer_is_not_followed(
    sample_exporter, logged_in, django_capture_on_commit_callbacks
):
    response = _post(
        logged_in,
        django_capture_on_commit_callbacks,
        data={"year": "abc"},
        HTTP_REFERER="https://evil.example/",
    )
    assert response.url == reverse("reports:job_list")


def test_a_broker_down_fails_the_job_and_the_page_still_answers(
    sample_exporter, logged_in, monkeypatch, django_capture_on_commit_callbacks
):
    def unreachable(*args, **kwargs):
        raise ConnectionError("no broker")

    monkeypatch.setattr(render_export_task, "delay", unreachable)
    response = _post(logged_in, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    page = logged_in.get(response.url)
    assert page.status_code == 200
    assert services.QUEUE_FAILED in page.text


def test_the_status_json_tells_the_progress(sample_exporter, logged_in, user):
    job = export_request(user=user, kind="test_people", fmt="xlsx", params={})
    ExportJob.objects.filter(pk=job.pk).update(status="running", done=250, total=1000)
    response = logged_in.get(reverse("reports:job_status", args=[job.pk]))
    assert response["Cache-Control"] == "private, no-store"
    data = response.json()
    assert data["state"] == "running"
    assert (data["done"], data["total"], data["percent"]) == (250, 1000, 25)
    assert data["download_url"] == ""
    page = logged_in.get(reverse("reports:job_detail", args=[job.pk]))
    assert 'data-percent="25"' in page.text
    assert "250 / 1000" in page.text


def test_a_ready_job_is_downloaded_by_its_requester(sample_exporter, logged_in, user, media):
    job = _ready_job(user)
    status = logged_in.get(reverse("reports:job_status", args=[job.pk])).json()
    assert status["state"] == "ready"
    assert status["percent"] == 100
    assert status["expires_at"] == f"{timezone.localtime(job.expires_at):%d/%m/%Y %H:%M}"
    response = logged_in.get(status["download_url"])
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="danh-sach-thu-2020.csv"' in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbfSTT,")
    page = logged_in.get(reverse("reports:job_detail", args=[job.pk]))
    assert status["expires_at"] in page.text


def test_another_user_sees_nothing_of_a_job(sample_exporter, client, user, media):
    job = _ready_job(user)
    client.force_login(UserFactory(username="nguoikhac"))
    for name in ("job_detail", "job_status", "job_download"):
        assert client.get(reverse(f"reports:{name}", args=[job.pk])).status_code == 404
    assert str(job.pk) not in client.get(reverse("reports:job_list")).text


def test_an_expired_file_is_gone_with_an_explanation(sample_exporter, logged_in, user, media):
    job = _ready_job(user)
    ExportJob.objects.filter(pk=job.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    response = logged_in.get(reverse("reports:job_download", args=[job.pk]))
    assert response.status_code == 410
    assert job.title in response.text
    # A button asks for the same file again.
    assert reverse("reports:job_new", args=["test_people", "csv"]) in response.text
    assert 'name="year" value="2020"' in response.text
    status = logged_in.get(reverse("reports:job_status", args=[job.pk])).json()
    assert status["state"] == "expired"


def test_a_file_not_ready_yet_leads_back_to_the_job_page(sample_exporter, logged_in, user):
    job = export_request(user=user, kind="test_people", fmt="xlsx", params={})
    response = logged_in.get(reverse("reports:job_download", args=[job.pk]))
    assert response.status_code == 302
    assert response.url == reverse("reports:job_detail", args=[job.pk])


def test_the_pages_need_a_login(sample_exporter, client, user):
    job = export_request(user=user, kind="test_people", fmt="xlsx", params={})
    for url in (reverse("reports:job_list"), reverse("reports:job_detail", args=[job.pk])):
        assert client.get(url).status_code == 302
    assert client.post(reverse(NEW, args=["test_people", "xlsx"])).status_code == 302


def _jobs(user, count: int, *, hours_ago: float = 0) -> None:
    moment = timezone.now() - datetime.timedelta(hours=hours_ago)
    ExportJob.objects.bulk_create(
        ExportJob(
            kind="test_people",
            format="xlsx",
            title=f"Tệp {hours_ago} {n}",
            requested_by=user,
            requested_at=moment,
        )
        for n in range(count)
    )


def test_the_list_shows_the_users_jobs_of_the_last_24_hours(sample_exporter, logged_in, user):
    _jobs(user, 2)
    _jobs(user, 1, hours_ago=25)
    _jobs(UserFactory(username="khac"), 1)
    response = logged_in.get(reverse("reports:job_list"))
    assert response.status_code == 200
    assert response.text.count("data-job=") == 2
    assert "Tệp 25" not in response.text


@pytest.mark.parametrize("count", [2, 25])
def test_the_list_takes_a_fixed_number_of_queries(
    sample_exporter, client, user, count, django_assert_num_queries
):
    _jobs(user, count)
    client.force_login(user)
    # the request's savepoint and its release, session, user, count, page of jobs
    with django_assert_num_queries(6):
        response = client.get(reverse("reports:job_list"))
    assert response.text.count("data-job=") == min(count, 20)


def test_the_job_page_loads_its_script_and_no_inline_script(sample_exporter, logged_in, user):
    job = export_request(user=user, kind="test_people", fmt="xlsx", params={})
    page = logged_in.get(reverse("reports:job_detail", args=[job.pk])).text
    assert "js/export-job.js" in page
    assert 'http-equiv="refresh"' in page  # in <noscript>, while it is being prepared
    assert "<script>" not in page
    assert json.loads(logged_in.get(reverse("reports:job_status", args=[job.pk])).content)
