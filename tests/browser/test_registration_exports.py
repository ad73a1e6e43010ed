"""The export box in the browser (static/js/export-status.js): the cluster leader presses "Xuất
PDF", the box shows the progress bar without leaving the page, and when the background worker
has stored the file the download link appears with its date; a failed rendering shows the
Vietnamese error. The worker is played by the test (``export_store``) so that the rendering
state can be seen; under CI a missing Chromium fails the test (tests/browser/conftest.py).
"""

import pytest
from django.urls import reverse

from registrations.exports import files as export_files
from registrations.models import ExportFile
from tests.browser.conftest import screenshot
from tests.browser.test_cluster_journey import log_in
from tests.campaigns.conftest import clusters  # noqa: F401 - a fixture ``window`` needs
from tests.factories import PASSWORD
from tests.registrations.conftest import window  # noqa: F401 - the fixture is used
from tests.registrations.test_exports import build_exported

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("award_catalog"),
]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_the_leader_watches_the_pdf_being_prepared_then_downloads_it(
    browser,
    live_server,
    window,  # noqa: F811 - the fixture
    media,
    monkeypatch,
):
    exported = build_exported(window)
    monkeypatch.setattr(export_files, "_queue", lambda export_id: None)  # the worker is slow
    context = browser.new_context(base_url=live_server.url, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(10_000)
    log_in(page, exported.leader.username, PASSWORD)
    cluster = exported.setup.clusters.cluster
    page.goto(reverse("registrations:cluster_list", args=[exported.window.pk, cluster.pk]))
    box = page.locator("[data-export][data-format=pdf]")
    assert box.get_attribute("data-state") == "none"
    url = page.url
    box.get_by_role("button").click()
    box.locator("[data-export-progress]").wait_for(state="visible")
    assert box.get_by_role("button").is_disabled()
    assert page.url == url  # no reload: the request went through the script
    screenshot(page, "registration-export-rendering")

    export = ExportFile.objects.get(format="pdf")
    export_files.export_store(export=export)  # the worker renders it
    box.locator("[data-export-link]").wait_for(state="visible")
    assert box.get_attribute("data-state") == "ready"
    assert box.locator("[data-export-progress]").is_hidden()
    assert box.locator("[data-export-date]").inner_text().count("/") == 2  # dd/mm/yyyy hh:mm
    screenshot(page, "registration-export-ready")
    with page.expect_download() as download:
        box.locator("[data-export-link]").click()
    assert download.value.suggested_filename == "danh-sach-dang-ky-thi-dua-cum-1-nam-2020.pdf"

    # Asked again, the rendering fails: the error shows, the previous file stays downloadable.
    box.get_by_role("button").click()
    box.locator("[data-export-progress]").wait_for(state="visible")
    ExportFile.objects.filter(pk=export.pk).update(error=export_files.RENDER_FAILED["pdf"])
    box.locator("[data-export-error]").wait_for(state="visible")
    assert box.locator("[data-export-error]").inner_text().startswith("Không tạo được tệp PDF")
    assert box.locator("[data-export-link]").is_visible()
    assert box.get_by_role("button").is_enabled()
    context.close()
