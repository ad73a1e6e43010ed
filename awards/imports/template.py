"""The downloadable workbook that offices fill in with their award history (layout.py), written
with ``common.imports.template``; ``catalog_sheet_write`` also serves the registration import."""

import datetime
from collections.abc import Sequence

from awards.imports.layout import (
    ACHIEVEMENTS,
    CATALOG_SHEET,
    GRANT_COLUMNS,
    GRANT_SHEET,
    RATING_COLUMNS,
    RATING_SHEET,
    RATINGS,
)
from awards.models import AwardForm, EmulationTitle
from common.imports.layout import EXAMPLE_MARKER
from common.imports.people import GENDERS
from common.imports.template import (
    inline_list,
    list_sheet_write,
    list_validation_add,
    sheet_write,
    workbook_bytes,
)

RECIPIENTS = {"individual": "cá nhân", "collective": "tập thể", "household": "hộ gia đình"}


def history_template_build(*, today: datetime.date) -> bytes:
    """The template as XLSX bytes: sheets "Khen thưởng" and "Xếp loại" with bold, frozen
    headers and an example row; a hidden "Danh mục" sheet listing the catalog, which feeds the
    award drop-down. Two queries (titles, forms)."""
    from openpyxl import Workbook

    catalog = [*EmulationTitle.objects.all(), *AwardForm.objects.all()]
    book = Workbook()
    grants = book.active
    grants.title = GRANT_SHEET
    example_year = today.year - 1
    person = {"number": EXAMPLE_MARKER, "full_name": "Nguyễn Văn An", "birth_year": 1980}
    unit = {"unit": "Phường Minh Khai"}
    grant = {
        **person,
        **unit,
        "gender": "Nam",
        "position": "Chuyên viên",
        "award": catalog[0].name_vi if catalog else "",
        "year": example_year,
        "decision_number": "123/QĐ-UBND",
        "decision_date": f"20/12/{example_year}",
        "authority": "Chủ tịch UBND phường Minh Khai",
        "achievement": "Theo công trạng",
    }
    sheet_write(grants, GRANT_COLUMNS, [grant])
    ratings = book.create_sheet(RATING_SHEET)
    rating = {**person, **unit, "year": example_year, "rating": "Hoàn thành tốt nhiệm vụ"}
    sheet_write(ratings, RATING_COLUMNS, [rating])
    names = catalog_sheet_write(book, catalog)
    list_validation_add(grants, GRANT_COLUMNS, "award", names)
    list_validation_add(grants, GRANT_COLUMNS, "gender", inline_list(GENDERS))
    list_validation_add(grants, GRANT_COLUMNS, "achievement", inline_list(ACHIEVEMENTS))
    list_validation_add(ratings, RATING_COLUMNS, "rating", inline_list(RATINGS))
    return workbook_bytes(book)


def catalog_sheet_write(book, catalog: Sequence[EmulationTitle | AwardForm]) -> str:
    """Add the hidden sheet "Danh mục" listing ``catalog`` (name, code, title or form, for
    whom); return the range of the names, for the award drop-down
    (``common.imports.template.list_validation_add``)."""
    rows = (
        [
            entry.name_vi,
            entry.code,
            "Danh hiệu" if isinstance(entry, EmulationTitle) else "Hình thức",
            ", ".join(RECIPIENTS.get(kind, kind) for kind in entry.recipient_kinds),
        ]
        for entry in catalog
    )
    return list_sheet_write(
        book,
        title=CATALOG_SHEET,
        header=["Tên", "Mã", "Loại", "Dành cho"],
        rows=rows,
        widths={"A": 50, "B": 34},
    )
