"""The layout of the award-history workbook: its sheets, columns and the words its cells hold.

The headers and cell words are a file format, kept Vietnamese and compared with
``common.imports.layout.header_key`` (no accents, case, punctuation or bracketed hint). The
template's second row is an example (its STT cell says "Ví dụ": ``EXAMPLE_MARKER``), skipped
by the reader like every blank row.
"""

from awards.models import AnnualRating, AwardGrant
from common.imports.layout import Column, headers_of

GRANT_SHEET = "Khen thưởng"
RATING_SHEET = "Xếp loại"
CATALOG_SHEET = "Danh mục"


GRANT_COLUMNS = (
    Column("number", "STT", 7, required=False),
    Column("full_name", "Họ và tên", 26, "Khen cá nhân: họ và tên đầy đủ, có dấu."),
    Column("birth_year", "Năm sinh", 10, "Ví dụ 1980. Dùng để phân biệt người trùng tên."),
    Column("gender", "Giới tính", 10, "Nam hoặc Nữ."),
    Column("position", "Chức vụ", 22),
    Column(
        "unit",
        "Đơn vị (tên hoặc mã)",
        28,
        "Đơn vị công tác của cá nhân: tên hoặc mã đơn vị.",
        text=True,
    ),
    Column(
        "collective",
        "Tập thể được khen",
        28,
        "Khen tập thể: tên hoặc mã đơn vị; để trống các cột của cá nhân.",
        text=True,
    ),
    Column("award", "Danh hiệu / hình thức", 36, "Chọn trong danh sách, hoặc ghi mã danh mục."),
    Column("year", "Năm", 8, "Năm của thành tích được khen."),
    Column("decision_number", "Số quyết định", 18, "Ví dụ 123/QĐ-UBND.", text=True),
    Column("decision_date", "Ngày quyết định", 16, "Ngày/tháng/năm, ví dụ 20/12/2024."),
    Column("authority", "Cơ quan quyết định", 30, "Ví dụ: Chủ tịch UBND phường Minh Khai."),
    Column("achievement", "Loại thành tích", 18, "Theo công trạng, đột xuất hoặc chuyên đề."),
)
RATING_COLUMNS = (
    Column("number", "STT", 7, required=False),
    Column("full_name", "Họ và tên", 26),
    Column("birth_year", "Năm sinh", 10),
    Column("unit", "Đơn vị", 28, "Tên hoặc mã đơn vị.", text=True),
    Column("year", "Năm", 8),
    Column("rating", "Xếp loại", 34, "Chọn trong danh sách."),
)
COLUMNS = {GRANT_SHEET: GRANT_COLUMNS, RATING_SHEET: RATING_COLUMNS}
# Column names for row errors, by sheet and key.
HEADERS = {sheet: headers_of(columns) for sheet, columns in COLUMNS.items()}

ACHIEVEMENTS = {
    "Theo công trạng": AwardGrant.Achievement.MERIT,
    "Đột xuất": AwardGrant.Achievement.SUDDEN,
    "Chuyên đề": AwardGrant.Achievement.THEMATIC,
    "Cống hiến": AwardGrant.Achievement.CONTRIBUTION,
}
RATINGS = {
    "Hoàn thành xuất sắc nhiệm vụ": AnnualRating.Rating.EXCELLENT,
    "Hoàn thành tốt nhiệm vụ": AnnualRating.Rating.GOOD,
    "Hoàn thành nhiệm vụ": AnnualRating.Rating.COMPLETED,
    "Không hoàn thành nhiệm vụ": AnnualRating.Rating.NOT_COMPLETED,
}
# The abbreviations offices write in their lists.
RATING_ABBREVIATIONS = {
    "htxsnv": AnnualRating.Rating.EXCELLENT,
    "httnv": AnnualRating.Rating.GOOD,
    "htnv": AnnualRating.Rating.COMPLETED,
    "khtnv": AnnualRating.Rating.NOT_COMPLETED,
}
