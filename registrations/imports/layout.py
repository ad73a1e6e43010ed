"""The layout of the registration workbook: one sheet, its columns and the words its cells hold.

Like the award-history workbook (awards/imports/layout.py), the sheet name, headers and cell
words are a file format, not interface text: they stay Vietnamese in every interface language,
and the reader compares them with ``common.imports.layout.header_key`` (no accents, case,
punctuation or bracketed hint). The template's example rows start their STT cell with "Ví dụ"
(``common.imports.layout.EXAMPLE_MARKER``) and are never imported.

One row is one line of the registration (son-tay-2020 §5.2: "Tập thể trước, cá nhân sau"):

- a collective: "Loại" = "Tập thể", the unit in "Tập thể" (its name or code): the registration's
  unit itself or a unit below it; the individual's columns left empty;
- an individual: "Loại" = "Cá nhân", the full name, birth year (tells namesakes apart), gender,
  position, and the unit he works in ("Đơn vị công tác"; empty = the registration's unit).

"Danh hiệu / hình thức" names the title or form sought (drop-down of the catalog; codes are
accepted); "Tên sáng kiến dự kiến" and "Tên mô hình" what the award asks a registration to name
(``AwardRule.registration_asks``: the initiative an individual plans, the model a commune
pledges to build).
"""

from common.imports.layout import Column, headers_of, word_lookup
from registrations.models import RegistrationEntry

SHEET = "Đăng ký thi đua"
UNITS_SHEET = "Đơn vị"  # hidden: the registration's unit and the units below it (drop-down)

COLUMNS = (
    Column("number", "STT", 7, required=False),
    Column(
        "kind",
        "Loại",
        11,
        "Tập thể hoặc Cá nhân. Để trống thì suy ra từ cột Tập thể / Họ và tên.",
        required=False,
    ),
    Column(
        "collective",
        "Tập thể (tên hoặc mã đơn vị)",
        30,
        "Đăng ký cho tập thể: chính đơn vị hoặc đơn vị trực thuộc; để trống các cột của cá nhân.",
        text=True,
    ),
    Column("full_name", "Họ và tên", 26, "Đăng ký cho cá nhân: họ và tên đầy đủ, có dấu."),
    Column(
        "birth_year",
        "Năm sinh",
        10,
        "Ví dụ 1980. Dùng để phân biệt người trùng tên.",
        required=False,
    ),
    Column("gender", "Giới tính", 10, "Nam hoặc Nữ.", required=False),
    Column("position", "Chức vụ", 22, required=False),
    Column(
        "unit",
        "Đơn vị công tác",
        28,
        "Đơn vị của cá nhân (tên hoặc mã); để trống là đơn vị đăng ký.",
        required=False,
        text=True,
    ),
    Column(
        "award",
        "Danh hiệu / hình thức",
        36,
        "Chọn trong danh sách, hoặc ghi mã danh mục.",
    ),
    Column(
        "initiative_name",
        "Tên sáng kiến dự kiến",
        36,
        "Cá nhân đăng ký Chiến sĩ thi đua, Bằng khen: tên sáng kiến dự kiến thực hiện trong năm.",
        required=False,
    ),
    Column(
        "model_name",
        "Tên mô hình",
        36,
        "Tập thể đăng ký Cờ thi đua: tên mô hình đăng ký xây dựng trong năm.",
        required=False,
    ),
)
HEADERS = headers_of(COLUMNS)  # column names for row errors

KINDS = {
    "Tập thể": RegistrationEntry.Kind.COLLECTIVE,
    "Cá nhân": RegistrationEntry.Kind.INDIVIDUAL,
}
# What offices also write: the abbreviations "TT" and "CN", and "Tổ chức" for a collective.
KIND_WORDS = {
    **word_lookup(KINDS),
    "tt": RegistrationEntry.Kind.COLLECTIVE,
    "tochuc": RegistrationEntry.Kind.COLLECTIVE,
    "cn": RegistrationEntry.Kind.INDIVIDUAL,
}
# Longest texts the lines' fields hold (RegistrationEntry, organizations.Person).
MAX_LENGTHS = {"full_name": 255, "position": 255, "initiative_name": 500, "model_name": 500}
