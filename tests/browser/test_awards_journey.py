"""The secretariat imports award history from Excel, looks the person up and checks an award."""

import io

import openpyxl
import pytest

from awards.imports.layout import GRANT_COLUMNS, RATING_COLUMNS
from awards.models import AwardRule
from awards.services import catalog_load
from organizations.models import Membership
from tests.browser.conftest import PHONE, screenshot
from tests.factories import PASSWORD, MembershipFactory, PersonFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME, BORN, UNIT = "Trần Văn Khánh", 1982, "Phường An Bình"
GRANTS = [
    {
        "award": "Lao động tiên tiến",
        "year": 2024,
        "decision_number": "112/QĐ-UBND",
        "decision_date": "20/12/2024",
        "authority": "Chủ tịch UBND phường An Bình",
    },
    {
        "award": "Giấy khen",
        "year": 2023,
        "decision_number": "35/QĐ-UBND",
        "decision_date": "15/06/2023",
        "authority": "Chủ tịch UBND phường An Bình",
    },
]


@pytest.fixture
def catalog(db):
    """The national catalog: a transactional test may have emptied the tables it lives in."""
    if not AwardRule.objects.exists():
        catalog_load()


@pytest.fixture
def namesakes(tree):
    """Two people of ward A with the same name and birth year: the file's name is ambiguous."""
    return [
        PersonFactory(full_name=NAME, birth_year=BORN, unit=tree.ward_a, position=position)
        for position in ("Chuyên viên văn hóa", "Công an viên")
    ]


@pytest.fixture
def secretariat_user(tree):
    user = UserFactory(username="thuongtruc.thixa")
    MembershipFactory(user=user, unit=tree.district, role=Membership.Role.SECRETARIAT)
    return user


def filled(template: bytes) -> bytes:
    """The downloaded template with the two grants and a 2024 rating of the namesake."""
    person = {"full_name": NAME, "birth_year": BORN, "unit": UNIT}
    book = openpyxl.load_workbook(io.BytesIO(template))
    grants = [{**person, "gender": "Nam", "achievement": "Theo công trạng", **g} for g in GRANTS]
    ratings = [{**person, "year": 2024, "rating": "Hoàn thành xuất sắc nhiệm vụ"}]
    for sheet, columns, rows in (
        (book["Khen thưởng"], GRANT_COLUMNS, grants),
        (book["Xếp loại"], RATING_COLUMNS, ratings),
    ):
        for number, row in enumerate(rows, start=1):
            sheet.append([number if c.key == "number" else row.get(c.key) for c in columns])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_secretariat_imports_history_looks_it_up_and_checks_eligibility(
    browser, live_server, settings, tmp_path, catalog, namesakes, secretariat_user
):
    settings.MEDIA_ROOT = tmp_path / "media"
    chosen = namesakes[0]
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        base_url=live_server.url,
        locale="vi-VN",
        accept_downloads=True,
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto("/")
    page.get_by_label("Tên đăng nhập").fill("thuongtruc.thixa")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/dashboard/")

    page.goto("/awards/lookup/")
    page.get_by_role("link", name="Nhập lịch sử khen thưởng từ Excel").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải tệp mẫu").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    upload = tmp_path / "khen-thuong-phuong-an-binh.xlsx"
    upload.write_bytes(filled(download.value.path().read_bytes()))
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(upload))
    page.get_by_role("button", name="Kiểm tra tệp").click()

    page.get_by_role("heading", name="Kiểm tra dữ liệu nhập").wait_for()
    assert page.get_by_role("heading", name="Là ai?").is_visible()
    assert page.get_by_text("Tên trùng nhiều người: 1 (còn 1 cần chọn)").is_visible()
    screenshot(page, "awards-import-preview")
    page.get_by_label(f"{NAME}, {BORN}, Chuyên viên văn hóa – {UNIT}").check()
    page.get_by_role("button", name="Lưu dữ liệu nhập").click()

    page.get_by_role("heading", name="Đã nhập lịch sử khen thưởng").wait_for()
    assert page.get_by_text("2 khen thưởng, 1 xếp loại", exact=False).is_visible()
    page.get_by_role("link", name="Tra cứu lịch sử khen thưởng").click()

    page.get_by_label("Tên").fill("tran van khanh")
    page.get_by_role("button", name="Tìm kiếm").click()
    assert page.locator(".list-group-item").count() == 2
    page.locator(".list-group-item", has_text="Chuyên viên văn hóa").click()

    page.wait_for_url(f"**/awards/lookup/person/{chosen.pk}/")
    assert page.get_by_role("heading", name=NAME, exact=True).is_visible()
    year_2024 = page.locator("section", has=page.get_by_role("heading", name="Năm 2024"))
    assert year_2024.get_by_text("Lao động tiên tiến").is_visible()
    assert year_2024.get_by_text("Quyết định 112/QĐ-UBND ngày 20/12/2024", exact=False).is_visible()
    assert year_2024.get_by_text("Hoàn thành xuất sắc nhiệm vụ").is_visible()
    screenshot(page, "awards-person-history")

    page.get_by_label("Danh hiệu hoặc hình thức khen thưởng").select_option(
        label="Chiến sĩ thi đua cơ sở"
    )
    page.get_by_label("Năm xét").fill("2024")
    page.get_by_role("button", name="Kiểm tra", exact=True).click()
    result = page.locator("#eligibility-result")
    result.wait_for()
    assert result.get_by_text("Đủ điều kiện").is_visible()
    assert result.get_by_text("Chiến sĩ thi đua cơ sở, năm 2024").is_visible()
    screenshot(page, "awards-eligibility-result")

    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "awards-person-history-phone")
    context.close()
