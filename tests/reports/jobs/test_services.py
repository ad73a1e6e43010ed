"""The job engine (reports/jobs/services.py): asking, rendering, failing, notifying, purging."""

import datetime
import io
import logging

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from openpyxl import load_workbook

from notifications.models import Notification, OutgoingMail
from reports.jobs import selectors, services
from reports.jobs.services import JobProgress, export_purge, export_request, export_run
from reports.models import ExportJob
from reports.tasks import purge_exports_task, render_export_task
from reports.writers import PDF_ROW_LIMIT
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return UserFactory(username="nguoixuat", email="xuat@example.org")


def _request(user, fmt="xlsx", capture=None, **params):
    """Ask for "test_people" and run what is queued on commit (Celery is eager in tests)."""
    with capture(execute=True):
        job = export_request(user=user, kind="test_people", fmt=fmt, params=params)
    job.refresh_from_db()
    return job


def test_a_job_is_queued_with_its_cleaned_params_title_and_file_name(sample_exporter, user):
    job = export_request(user=user, kind="test_people", fmt="csv", params={"year": "2021"})
    assert job.status == ExportJob.Status.QUEUED  # queued once the transaction commits
    assert job.params == {"year": 2021, "unit": []}
    assert job.title == "Danh sách thử năm 2021"
    assert job.filename == "danh-sach-thu-2021.csv"
    assert job.requested_by == user
    assert selectors.job_state(job) == "queued"


def test_the_job_is_rendered_stored_and_ready_for_24_hours(
    sample_exporter, user, media, django_capture_on_commit_callbacks
):
    before = timezone.now()
    job = _request(user, capture=django_capture_on_commit_callbacks, year="2020", unit="7")
    assert job.status == ExportJob.Status.READY
    assert (job.done, job.total) == (5, 5)
    assert job.started_at >= before
    assert job.expires_at - job.finished_at == datetime.timedelta(hours=24)
    with job.file.open("rb") as handle:
        workbook = load_workbook(io.BytesIO(handle.read()))
    assert workbook.sheetnames == ["Danh sách"]
    assert (media / job.file.name).is_file()
    # The worker asked the exporter again, with the cleaned parameters.
    assert sample_exporter.authorized[-1] == (user, {"year": 2020, "unit": ["7"]})
    assert selectors.job_status(job)["state"] == "ready"


def test_the_requester_is_told_under_the_bell_and_by_mail(
    sample_exporter, user, media, django_capture_on_commit_callbacks
):
    job = _request(user, capture=django_capture_on_commit_callbacks)
    notification = Notification.objects.get(user=user)
    assert job.title in notification.title
    assert notification.url == f"/reports/exports/{job.pk}/"
    mail = OutgoingMail.objects.get(to=user.email)
    assert job.title in mail.subject
    assert f"/reports/exports/{job.pk}/" in mail.body
    assert f"{timezone.localtime(job.expires_at):%d/%m/%Y %H:%M}" in mail.body


def test_an_unknown_kind_or_format_is_refused(sample_exporter, user):
    with pytest.raises(ValueError, match="kind"):
        export_request(user=user, kind="nothing", fmt="xlsx", params={})
    with pytest.raises(ValueError, match="docx"):
        export_request(user=user, kind="test_people", fmt="docx", params={})
    assert not ExportJob.objects.exists()


@pytest.mark.parametrize(
    ("deny", "error"), [("404", Http404), ("403", PermissionDenied), ("invalid", ValidationError)]
)
def test_a_refusal_of_the_exporter_propagates_and_makes_no_job(sample_exporter, user, deny, error):
    with pytest.raises(error):
        export_request(user=user, kind="test_people", fmt="xlsx", params={"deny": deny})
    assert not ExportJob.objects.exists()


def test_two_workers_never_both_render_a_job(sample_exporter, user, media):
    job = export_request(user=user, kind="test_people", fmt="csv", params={})  # not committed
    assert export_run(job_id=job.pk).status == ExportJob.Status.READY
    assert export_run(job_id=job.pk) is None
    assert len(sample_exporter.rendered) == 1


def test_a_pdf_too_large_fails_with_the_writers_message(
    sample_exporter, user, media, django_capture_on_commit_callbacks
):
    sample_exporter.rows = PDF_ROW_LIMIT + 1
    job = _request(user, "pdf", capture=django_capture_on_commit_callbacks)
    assert job.status == ExportJob.Status.FAILED
    assert "3.001 dòng" in job.error
    assert "Excel hoặc CSV" in job.error
    assert not job.file
    assert selectors.job_error(job) == job.error
    assert not Notification.objects.exists()


def test_a_rendering_error_fails_with_a_generic_message_is_logged_and_leaves_no_temp_file(
    sample_exporter, user, media, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    opened = []
    real = services.tempfile.TemporaryFile

    def tracked(*args, **kwargs):
        handle = real(*args, **kwargs)
        opened.append(handle)
        return handle

    monkeypatch.setattr(services.tempfile, "TemporaryFile", tracked)
    sample_exporter.error = RuntimeError("database went away")
    with caplog.at_level(logging.ERROR, logger="reports.jobs.services"):
        job = _request(user, capture=django_capture_on_commit_callbacks)
    assert job.status == ExportJob.Status.FAILED
    assert job.error == services.RENDER_FAILED
    assert "database went away" not in job.error
    assert "database went away" in caplog.text
    assert opened
    assert all(handle.closed for handle in opened)
    assert not list(media.rglob("*.xlsx"))


def test_a_requester_who_lost_the_right_gets_no_file(
    sample_exporter, user, media, django_capture_on_commit_callbacks
):
    job = export_request(user=user, kind="test_people", fmt="xlsx", params={})
    sample_exporter.deny = "403"
    export_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED
    assert job.error == services.NOT_ALLOWED
    assert sample_exporter.rendered == []


def test_a_broker_that_cannot_be_reached_fails_the_job_at_once(
    sample_exporter, user, monkeypatch, django_capture_on_commit_callbacks
):
    def unreachable(*args, **kwargs):
        raise ConnectionError("no broker")

    monkeypatch.setattr(render_export_task, "delay", unreachable)
    job = _request(user, capture=django_capture_on_commit_callbacks)
    assert job.status == ExportJob.Status.FAILED
    assert job.error == services.QUEUE_FAILED
    assert job.error.startswith("Không gửi được yêu cầu")


def test_a_job_not_finished_15_minutes_after_it_was_asked_for_shows_as_failed(
    sample_exporter, user, media
):
    job = export_request(user=user, kind="test_people", fmt="xlsx", params={})
    later = job.requested_at + datetime.timedelta(minutes=16)
    assert selectors.job_state(job, now=later) == "failed"
    assert selectors.job_error(job, now=later) == selectors.STUCK
    assert "15 phút" in selectors.STUCK
    # A worker picking it up that late does not render it: the page already said it failed.
    sixteen_minutes_ago = timezone.now() - datetime.timedelta(minutes=16)
    ExportJob.objects.filter(pk=job.pk).update(requested_at=sixteen_minutes_ago)
    assert export_run(job_id=job.pk) is None
    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED
    assert job.error == selectors.STUCK
    assert sample_exporter.rendered == []


def test_progress_is_stored_at_most_once_a_second_and_per_percent(sample_exporter, user):
    job = export_request(user=user, kind="test_people", fmt="xlsx", params={})
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING)
    clock = [100.0]
    progress = JobProgress(job.pk, clock=lambda: clock[0])
    progress(0, 1000)  # the total: stored at once
    job.refresh_from_db()
    assert (job.done, job.total) == (0, 1000)
    for done in range(1, 200):
        progress(done, 1000)  # same second: not stored
    assert progress.writes == 1
    clock[0] += 1.5
    progress(200, 1000)
    progress(201, 1000)
    assert progress.writes == 2
    clock[0] += 1.5
    progress(205, 1000)  # a second later but still 20 %: not stored
    assert progress.writes == 2
    job.refresh_from_db()
    assert (job.done, job.total) == (200, 1000)
    assert selectors.job_percent(job) == 20


def test_the_purge_deletes_expired_files_and_rows_and_keeps_the_rest(
    sample_exporter, user, media, django_capture_on_commit_callbacks
):
    expired = _request(user, capture=django_capture_on_commit_callbacks)
    fresh = _request(user, capture=django_capture_on_commit_callbacks)
    never = export_request(user=user, kind="test_people", fmt="xlsx", params={})
    now = timezone.now()
    ExportJob.objects.filter(pk=expired.pk).update(expires_at=now - datetime.timedelta(minutes=1))
    ExportJob.objects.filter(pk=never.pk).update(requested_at=now - datetime.timedelta(hours=25))
    path = media / expired.file.name
    assert path.is_file()
    assert export_purge(now=now) == 2
    assert not path.is_file()
    assert list(ExportJob.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert (media / fresh.file.name).is_file()


def test_the_tasks_call_the_services(sample_exporter, user, media):
    job = export_request(user=user, kind="test_people", fmt="csv", params={})
    render_export_task(str(job.pk))
    job.refresh_from_db()
    assert job.status == ExportJob.Status.READY
    ExportJob.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    purge_exports_task()
    assert not ExportJob.objects.exists()
