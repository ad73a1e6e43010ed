"""The downloadable workbook an officer fills in with his registration's lines (layout.py).

Written with ``common.imports.template``: bold frozen headers with notes, grey example rows,
hidden sheets feeding the drop-downs: the units (``UNITS_SHEET``) and the award catalog
("Danh mục", ``awards.imports.template.catalog_sheet_write``).
"""

from awards.imports.template import catalog_sheet_write
from awards.models import AwardForm, EmulationTitle, RecipientKind
from common.imports.layout import EXAMPLE_MARKER
from common.imports.people import GENDERS
from common.imports.template import (
    inline_list,
    list_sheet_write,
    list_validation_add,
    sheet_write,
    workbook_bytes,
)
from organizations.models import Unit
from organizations.selectors import unit_subtree
from registrations.imports.layout import COLUMNS, KINDS, SHEET, UNITS_SHEET
from registrations.models import Registration

# The kinds of recipient a registration line can be (households register elsewhere).
LINE_KINDS = (RecipientKind.COLLECTIVE, RecipientKind.INDIVIDUAL)


def registration_catalog() -> list[EmulationTitle | AwardForm]:
    """Titles then forms a collective or an individual may register for, in catalog order:
    two queries."""
    return [
        award
        for model in (EmulationTitle, AwardForm)
        for award in model.objects.order_by("order", "code")
        if any(kind in award.recipient_kinds for kind in LINE_KINDS)
    ]


def registration_units(*, unit: Unit) -> list[Unit]:
    """The units a registration's lines may name: the unit first, then the units below it that
    still exist, by name: one query."""
    below = unit_subtree(unit=unit).exclude(pk=unit.pk).filter(dissolved_on__isnull=True)
    return [unit, *below.order_by("name", "pk")]


def registration_template_build(*, registration: Registration) -> bytes:
    """The template of ``registration`` as XLSX bytes: the sheet "Đăng ký thi đua" with two
    example rows (a collective, an individual) naming the registration's unit; drop-downs for
    the kind, the gender, the units (hidden sheet "Đơn vị": the unit and those below it) and
    the titles and forms (hidden sheet "Danh mục"). Three queries."""
    from openpyxl import Workbook

    unit = registration.unit
    catalog = registration_catalog()
    units = registration_units(unit=unit)
    collective_award = _first_for(catalog, RecipientKind.COLLECTIVE)
    individual_award = _first_for(catalog, RecipientKind.INDIVIDUAL)
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    examples = [
        {
            "number": EXAMPLE_MARKER,
            "kind": "Tập thể",
            "collective": unit.name,
            "award": collective_award,
        },
        {
            "number": f"{EXAMPLE_MARKER} 2",
            "kind": "Cá nhân",
            "full_name": "Nguyễn Văn An",
            "birth_year": 1980,
            "gender": "Nam",
            "position": "Chuyên viên",
            "award": individual_award,
        },
    ]
    sheet_write(sheet, COLUMNS, examples)
    names = catalog_sheet_write(book, catalog)
    list_validation_add(sheet, COLUMNS, "award", names)
    list_validation_add(sheet, COLUMNS, "kind", inline_list(KINDS))
    list_validation_add(sheet, COLUMNS, "gender", inline_list(GENDERS))
    unit_names = list_sheet_write(
        book,
        title=UNITS_SHEET,
        header=["Tên", "Mã"],
        rows=([named.name, named.code] for named in units),
        widths={"A": 50, "B": 12},
    )
    list_validation_add(sheet, COLUMNS, "collective", unit_names)
    list_validation_add(sheet, COLUMNS, "unit", unit_names)
    return workbook_bytes(book)


def _first_for(catalog: list, kind: str) -> str:
    return next((award.name_vi for award in catalog if kind in award.recipient_kinds), "")
