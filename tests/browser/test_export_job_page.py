"""The job page in the browser (static/js/export-job.js): the bar shows how far the worker is,
then the download button appears without a reload. The worker is played by the test."""

import pytest

from reports.jobs import services
from reports.models import ExportJob
from tests.browser.conftest import screenshot
from tests.browser.test_cluster_journey import log_in
from tests.factories import PASSWORD
from tests.reports.conftest import media, sample_exporter  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_bar_follows_the_worker_then_the_download_appears(
    sample_exporter,  # noqa: F811 - the fixture
    officer_a,
    phone,
    media,  # noqa: F811 - the fixture
    monkeypatch,
):
    monkeypatch.setattr(services, "_queue", lambda job_id: None)  # no worker yet
    job = services.export_request(
        user=officer_a, kind="test_people", fmt="csv", params={"year": "2020"}
    )
    ExportJob.objects.filter(pk=job.pk).update(status="running", done=250, total=1000)
    log_in(phone, "canbo_a", PASSWORD)
    phone.goto(f"/reports/exports/{job.pk}/")
    fill = phone.locator("[data-job-bar-fill]")
    assert fill.inner_text() == "25 %"
    assert phone.locator("[data-job-rows]").inner_text().startswith("250 / 1000")
    width = fill.evaluate("element => element.getBoundingClientRect().width")
    track = phone.locator("[data-job-bar]").evaluate("e => e.getBoundingClientRect().width")
    assert 0.2 < width / track < 0.3
    assert phone.locator("[data-job-ready]").is_hidden()
    screenshot(phone, "export-job-running")

    ExportJob.objects.filter(pk=job.pk).update(status="queued")
    services.export_run(job_id=job.pk)  # the worker finishes
    download = phone.locator("[data-job-download]")
    download.wait_for(state="visible")
    assert download.get_attribute("href") == f"/reports/exports/{job.pk}/download/"
    assert phone.locator("[data-job-progress]").is_hidden()
    assert phone.locator("[data-job-expires]").inner_text()
    screenshot(phone, "export-job-ready")
