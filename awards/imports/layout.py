"""The layout of the award-history workbook: its sheets, columns and the words its cells hold.

The headers and cell words are a file format, not interface text: they stay Vietnamese in every
interface language, so that a template downloaded in English reads back. The reader compares them
accent-, case- and punctuation-insensitively and ignores a bracketed hint, so "Don vi", "Đơn vị"
and "Đơn vị (tên hoặc mã)" are the same header (``header_key``).

The template's second row is an example: its STT cell says "Ví dụ" (``EXAMPLE_MARKER``) and it is
shown in grey italics. The reader skips every row whose STT cell starts with that word, and every
blank row; a user who types over the example (changing its STT) has it read like any other row.
"""

import functools
import re
from dataclasses import dataclass

from awards.models import AnnualRating, AwardGrant
from common.text import search_key
from organizations.models import Person

GRANT_SHEET = "Khen thưởng"
RATING_SHEET = "Xếp loại"
CATALOG_SHEET = "Danh mục"
EXAMPLE_MARKER = "Ví dụ"


@dataclass(frozen=True)
class Column:
    """One column: ``key`` names it in code, ``header`` is the text of row 1, ``width`` is in
    Excel character units, ``note`` is the comment shown on the header cell."""

    key: str
    header: str
    width: int
    note: str = ""
    required: bool = True


GRANT_COLUMNS = (
    Column("number", "STT", 7, required=False),
    Column("full_name", "Họ và tên", 26, "Khen cá nhân: họ và tên đầy đủ, có dấu."),
    Column("birth_year", "Năm sinh", 10, "Ví dụ 1980. Dùng để phân biệt người trùng tên."),
    Column("gender", "Giới tính", 10, "Nam hoặc Nữ."),
    Column("position", "Chức vụ", 22),
    Column("unit", "Đơn vị (tên hoặc mã)", 28, "Đơn vị công tác của cá nhân: tên hoặc mã đơn vị."),
    Column(
        "collective",
        "Tập thể được khen",
        28,
        "Khen tập thể: tên hoặc mã đơn vị; để trống các cột của cá nhân.",
    ),
    Column("award", "Danh hiệu / hình thức", 36, "Chọn trong danh sách, hoặc ghi mã danh mục."),
    Column("year", "Năm", 8, "Năm của thành tích được khen."),
    Column("decision_number", "Số quyết định", 18, "Ví dụ 123/QĐ-UBND."),
    Column("decision_date", "Ngày quyết định", 16, "Ngày/tháng/năm, ví dụ 20/12/2024."),
    Column("authority", "Cơ quan quyết định", 30, "Ví dụ: Chủ tịch UBND phường Minh Khai."),
    Column("achievement", "Loại thành tích", 18, "Theo công trạng, đột xuất hoặc chuyên đề."),
)
RATING_COLUMNS = (
    Column("number", "STT", 7, required=False),
    Column("full_name", "Họ và tên", 26),
    Column("birth_year", "Năm sinh", 10),
    Column("unit", "Đơn vị", 28, "Tên hoặc mã đơn vị."),
    Column("year", "Năm", 8),
    Column("rating", "Xếp loại", 34, "Chọn trong danh sách."),
)
COLUMNS = {GRANT_SHEET: GRANT_COLUMNS, RATING_SHEET: RATING_COLUMNS}

GENDERS = {"Nam": Person.Gender.MALE, "Nữ": Person.Gender.FEMALE}
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


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """``common.text.search_key``, remembered: a file repeats its names, units and decisions."""
    return search_key(text)


@functools.lru_cache(maxsize=4096)
def header_key(text: str) -> str:
    """Fold a header (or a cell word) for comparison: no accents, case, punctuation or
    bracketed hint. ``header_key("Đơn vị (tên hoặc mã)") == "donvi"``."""
    return re.sub(r"[^a-z0-9]", "", fold(str(text).split("(")[0]))


def word_lookup(words: dict[str, str]) -> dict[str, str]:
    """``words`` keyed by ``header_key``, for reading a cell."""
    return {header_key(word): value for word, value in words.items()}
