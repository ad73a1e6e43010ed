"""The cluster year in the browser: the leader uploads the pledge, members score, the leader
closes scoring and records the vote on the leading unit (issue: campaigns and clusters)."""

import pytest

from campaigns.models import Acclamation, Cluster, ClusterDocument
from campaigns.services.scoring import sheet_save
from tests.browser.conftest import screenshot
from tests.uploads import pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, username, password):
    page.context.clear_cookies()
    page.goto("/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/dashboard/")


def fill_sheet(page, points: str):
    """Fill every criterion of the open score sheet with ``points`` and submit it."""
    for field in page.locator("#sheet-form input[type=number]").all():
        field.fill(points)
    page.locator("#sheet-form textarea").first.fill("Báo cáo kết quả năm 2020 kèm minh chứng")
    page.locator("#sheet-form button[name=submit]").click()
    page.wait_for_url("**/scoring/")  # back to the cluster's scores, the sheet now counted


def test_leader_uploads_pledge_members_score_leader_closes_and_records_the_vote(phone, demo_world):
    cluster = Cluster.objects.get(number=1, year=2020)
    # The leader (canbo, Phường Xuân Khanh) uploads the signed pledge from his phone.
    log_in(phone, "canbo", demo_world["canbo"])
    phone.get_by_role("link", name="Cụm thi đua số 1 – 2020").click()
    phone.locator("#upload-form select").select_option("pledge")
    phone.locator("#upload-form input[type=file]").set_input_files(
        {"name": "Giao ước thi đua 2020.pdf", "mimeType": "application/pdf",
         "buffer": pdf_bytes(pages=2)}
    )  # fmt: skip
    phone.locator("#upload-form button[type=submit]").click()
    pledge = phone.locator("#checklist [data-kind=pledge]")
    pledge.get_by_role("link", name="Giao ước thi đua 2020.pdf").wait_for()
    assert ClusterDocument.objects.get(cluster=cluster).pages == 2
    screenshot(phone, "cluster-pledge-phone")

    # A member (Phường Trung Hưng) scores itself and its assigned peer on the phone.
    log_in(phone, "canbo_trunghung", demo_world["canbo_trunghung"])
    phone.goto(f"/clusters/{cluster.pk}/")
    sheet_links = phone.locator("#sheets-heading + ul a")
    assert sheet_links.count() == 2
    for index in range(2):
        phone.goto(f"/clusters/{cluster.pk}/")
        phone.locator("#sheets-heading + ul a").nth(index).click()
        fill_sheet(phone, "4" if index else "5")
    screenshot(phone, "cluster-sheet-submitted-phone")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375

    # The other members submit their sheets (the same form; done here through the service).
    for sheet in cluster.sheets.filter(submitted_at__isnull=True).select_related("assessor"):
        points = {c.pk: (c.max_points / 2, "") for c in cluster.criteria.all()}
        sheet_save(sheet=sheet, scores=points, actor=None, submit=True)

    # The leader sees the matrix, closes scoring, and records the vote.
    log_in(phone, "canbo", demo_world["canbo"])
    phone.goto(f"/clusters/{cluster.pk}/scoring/")
    phone.locator("#matrix").wait_for()
    phone.locator("#confirm-close").check()
    phone.locator("#close-form button[type=submit]").click()
    phone.locator("#results").wait_for()
    screenshot(phone, "cluster-results-phone")
    assert Cluster.objects.get(pk=cluster.pk).scoring_status == "closed"

    phone.goto(f"/clusters/{cluster.pk}/acclamation/")
    phone.locator("#acclamation-form input[name=held_on]").fill("15/12/2020")
    members = list(cluster.members.order_by("name"))
    winner = next(m for m in members if m.name == "Phường Trung Hưng")
    for member in members:
        phone.locator(f"#present-{member.pk}").check()
        phone.get_by_label(f"{member.name} bầu cho").select_option(str(winner.pk))
    phone.locator("#acclamation-form button[type=submit]").click()
    phone.locator("#acclamation-result").wait_for()
    assert phone.locator("#winner").inner_text() == "Phường Trung Hưng"
    screenshot(phone, "cluster-acclamation-phone")
    assert Acclamation.objects.get(cluster=cluster).winner == winner
