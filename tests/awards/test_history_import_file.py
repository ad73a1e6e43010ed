"""The award-history workbook: the template's shape, and reading a file (awards/imports)."""

import datetime
import io
import zipfile

import openpyxl
import pytest

from awards.imports.reading import history_workbook_read
from awards.imports.template import history_template_build
from awards.models import AwardForm, EmulationTitle
from common.imports.reading import WorkbookError
from tests.awards.factories import AwardFormFactory, EmulationTitleFactory

pytestmark = pytest.mark.django_db

GRANT_HEADERS = [
    "STT",
    "Họ và tên",
    "Năm sinh",
    "Giới tính",
    "Chức vụ",
    "Đơn vị (tên hoặc mã)",
    "Tập thể được khen",
    "Danh hiệu / hình thức",
    "Năm",
    "Số quyết định",
    "Ngày quyết định",
    "Cơ quan quyết định",
    "Loại thành tích",
]
RATING_HEADERS = ["STT", "Họ và tên", "Năm sinh", "Đơn vị", "Năm", "Xếp loại"]


def template() -> openpyxl.Workbook:
    data = history_template_build(today=datetime.date(2025, 3, 1))
    return openpyxl.load_workbook(io.BytesIO(data))


def saved(book: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def header(sheet) -> list:
    return [cell.value for cell in sheet[1]]


def test_template_has_the_two_sheets_with_their_headers_and_a_hidden_catalog():
    EmulationTitleFactory(code="advanced_worker")
    AwardFormFactory(code="certificate_of_merit")

    book = template()

    assert book.sheetnames == ["Khen thưởng", "Xếp loại", "Danh mục"]
    assert header(book["Khen thưởng"]) == GRANT_HEADERS
    assert header(book["Xếp loại"]) == RATING_HEADERS
    catalog = book["Danh mục"]
    assert catalog.sheet_state == "hidden"
    names = [row[0] for row in catalog.iter_rows(min_row=2, values_only=True)]
    assert len(names) == EmulationTitle.objects.count() + AwardForm.objects.count()
    assert EmulationTitle.objects.get(code="advanced_worker").name_vi in names


def test_template_headers_are_bold_and_frozen_with_a_grey_italic_example():
    sheet = template()["Khen thưởng"]

    assert sheet.freeze_panes == "A2"
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.column_dimensions["B"].width == 26
    example = sheet[2]
    assert example[0].value == "Ví dụ"
    assert all(cell.font.i and cell.font.color.rgb.endswith("808080") for cell in example)


def test_template_offers_the_catalog_in_a_drop_down_on_the_award_column():
    sheet = template()["Khen thưởng"]

    award_list = next(v for v in sheet.data_validations.dataValidation if "H2" in str(v.sqref))

    assert award_list.type == "list"
    assert award_list.formula1.startswith("'Danh mục'!$A$2:$A$")


def test_reading_the_template_as_downloaded_finds_no_rows_the_example_is_skipped():
    with pytest.raises(WorkbookError, match="Tệp không có dòng nào để nhập"):
        history_workbook_read(data=saved(template()))


def test_reading_skips_blank_rows_and_keeps_excel_row_numbers():
    book = template()
    sheet = book["Xếp loại"]
    sheet.append([1, "Lê Văn Cường", 1990, "Phường An Bình", 2024, "HTTNV"])
    sheet.append([None] * 6)
    sheet.append([2, "  Phạm   Thị Dung ", None, "99001", 2024, "HTNV"])

    rows = history_workbook_read(data=saved(book))

    assert rows.grants == []
    assert [(r.row, r.values["full_name"]) for r in rows.ratings] == [
        (3, "Lê Văn Cường"),
        (5, "Phạm Thị Dung"),
    ]


def test_reading_finds_columns_by_header_in_any_order_and_spelling():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "XEP LOAI"
    sheet.append(["Xếp loại", "Năm", "Don vi", "Họ và tên", "Năm sinh"])
    sheet.append(["Hoàn thành tốt nhiệm vụ", 2023, "Phường An Bình", "Lê Văn Cường", 1990])

    [row] = history_workbook_read(data=saved(book)).ratings

    assert row.values == {
        "number": None,
        "full_name": "Lê Văn Cường",
        "birth_year": 1990,
        "unit": "Phường An Bình",
        "year": 2023,
        "rating": "Hoàn thành tốt nhiệm vụ",
    }


def test_reading_a_sheet_missing_columns_names_them():
    book = template()
    book["Xếp loại"].delete_cols(5, 2)  # Năm, Xếp loại
    book["Xếp loại"].append([1, "Lê Văn Cường", 1990, "Phường An Bình"])

    with pytest.raises(WorkbookError) as raised:
        history_workbook_read(data=saved(book))

    assert str(raised.value) == "Trang 'Xếp loại' thiếu các cột: Năm, Xếp loại. Hãy dùng tệp mẫu."


def test_reading_a_workbook_without_the_sheets_is_refused():
    book = openpyxl.Workbook()
    book.active.append(["Họ và tên", "Năm"])

    with pytest.raises(WorkbookError, match="Tệp không có trang 'Khen thưởng' hay 'Xếp loại'"):
        history_workbook_read(data=saved(book))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"STT;Ho va ten\n1;An\n", "Tệp không phải là bảng tính Excel (.xlsx)."),
        (b"PK\x03\x04 not really a zip", "Tệp không phải là bảng tính Excel (.xlsx)."),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
            "Tệp được đặt mật khẩu hoặc lưu theo định dạng .xls cũ",
        ),
    ],
    ids=["csv", "broken-zip", "encrypted-or-xls"],
)
def test_reading_a_file_that_is_not_an_xlsx_is_refused(data, message):
    with pytest.raises(WorkbookError) as raised:
        history_workbook_read(data=data)

    assert str(raised.value).startswith(message)


def test_reading_a_zip_that_unpacks_to_too_much_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (101 * 1024 * 1024))

    with pytest.raises(WorkbookError, match="quá lớn khi giải nén"):
        history_workbook_read(data=buffer.getvalue())
