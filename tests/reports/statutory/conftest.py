"""Fixtures of the statutory forms tests: the district council of ``tree`` with a year of
campaigns, clusters and grants, and helpers that read a form back from its workbook like a
person would (by the row's code and the column's header)."""

import datetime
import io
from dataclasses import dataclass

import pytest
from openpyxl import load_workbook

from awards.models import AwardForm, AwardGrant, EmulationTitle
from campaigns.models import Campaign, Cluster
from organizations.models import Unit
from reports.statutory.forms import build_form
from reports.statutory.xlsx import MANUAL_SHEET, write_form_xlsx
from tests.awards.factories import AwardGrantFactory, HouseholdFactory
from tests.factories import PersonFactory, UnitFactory

YEAR = 2020


def award(code: str):
    """The catalog's title or form with ``code``."""
    title = EmulationTitle.objects.filter(code=code).first()
    return title or AwardForm.objects.get(code=code)


def grant(*, code: str, person=None, unit=None, household=None, year=YEAR, **fields):
    """A grant of the award ``code`` to one recipient (a new person of ``person_unit`` when
    none is given)."""
    target = award(code)
    kind = {"title": target, "form": None}
    if isinstance(target, AwardForm):
        kind = {"title": None, "form": target}
    return AwardGrantFactory(
        person=person, unit=unit, household=household, year=year, **kind, **fields
    )


@pytest.fixture
def campaign_year(tree):
    """Campaigns and clusters around the district council in 2020, and noise that must not
    count: a draft, another year, a council above and one of another province."""

    def campaign(council, name, kind, *, year=YEAR, status=Campaign.Status.LAUNCHED, **dates):
        return Campaign.objects.create(
            council=council, name=name, kind=kind, year=year, status=status, **dates
        )

    council = tree.council
    regular = Campaign.Kind.REGULAR
    campaign(council, "Thi đua yêu nước", regular)  # no dates: a year
    campaign(
        council,
        "Chung sức xây dựng nông thôn mới",
        Campaign.Kind.THEMATIC,
        starts_on=datetime.date(2020, 3, 1),
        ends_on=datetime.date(2020, 8, 31),
    )
    campaign(
        council,
        "Đô thị văn minh giai đoạn 2020–2021",
        Campaign.Kind.PERIODIC,
        starts_on=datetime.date(2020, 1, 1),
        ends_on=datetime.date(2021, 12, 31),
        status=Campaign.Status.ENDED,
    )
    campaign(council, "Bản nháp", regular, status=Campaign.Status.DRAFT)
    campaign(council, "Năm trước", regular, year=2019)
    ward_council = type(council).objects.create(
        unit=tree.ward_a, name="Hội đồng Thi đua – Khen thưởng phường An Bình"
    )
    campaign(ward_council, "Phường xanh – sạch – đẹp", regular)
    above = type(council).objects.create(unit=tree.province, name="Hội đồng TĐKT thành phố")
    campaign(above, "Phong trào của thành phố", regular)
    other = type(council).objects.create(unit=tree.other_province, name="Hội đồng tỉnh khác")
    campaign(other, "Phong trào tỉnh khác", regular)
    Cluster.objects.create(council=council, year=YEAR, number=1, name="Cụm thi đua số 1")
    Cluster.objects.create(council=council, year=YEAR, number=2, name="Khối thi đua", kind="bloc")
    Cluster.objects.create(council=council, year=2019, number=1, name="Cụm năm trước")
    return tree


@dataclass
class AwardYear:
    """The recipients of ``award_year``."""

    enterprise: Unit
    household: object


@pytest.fixture
def award_year(tree, award_catalog) -> AwardYear:
    """Grants of 2020 in the district's area, and grants that must not count: revoked, of
    another year, outside the area, or of awards neither form counts."""
    enterprise = UnitFactory(
        name="Công ty Cổ phần Thử", kind=Unit.Kind.ENTERPRISE, parent=tree.ward_a
    )
    household = HouseholdFactory(unit=tree.group_a)

    def person(unit=tree.ward_a):
        return PersonFactory(unit=unit)

    # 0602
    grant(code="order", person=person())
    grant(code="order", person=person(tree.group_a))
    grant(code="order", unit=tree.ward_b)
    grant(code="certificate_of_commendation_pm", unit=enterprise)
    grant(
        code="certificate_of_commendation_pm",
        person=person(),
        achievement=AwardGrant.Achievement.SUDDEN,
    )
    grant(code="emulation_fighter_national", person=person())
    grant(code="emulation_flag_government", unit=tree.ward_a)
    grant(code="prize", person=person())
    # 0603
    grant(code="certificate_of_commendation_provincial", person=person())
    grant(
        code="certificate_of_commendation_provincial",
        unit=tree.ward_b,
        achievement=AwardGrant.Achievement.THEMATIC,
    )
    grant(code="certificate_of_commendation_provincial", household=household)
    grant(code="emulation_fighter_provincial", person=person())
    grant(code="emulation_flag_provincial", unit=tree.district)
    grant(
        code="commemorative_medal",
        person=person(),
        achievement=AwardGrant.Achievement.CONTRIBUTION,
    )
    # Not counted.
    grant(
        code="order",
        person=person(),
        revoked=True,
        revoked_on=datetime.date(2021, 5, 1),
        revoked_reason="Khai man thành tích",
    )
    grant(code="order", person=person(), year=2019)
    grant(code="order", person=person(tree.other_ward))
    grant(code="certificate_of_commendation_provincial", unit=tree.other_ward)
    grant(code="certificate_of_merit", person=person())
    grant(code="advanced_worker", person=person())
    grant(code="excellent_collective", unit=tree.ward_b)
    return AwardYear(enterprise=enterprise, household=household)


@dataclass
class Sheet:
    """A form read back: its worksheet, the list of cells to fill in, and lookups by row code
    and column header."""

    form: object
    manual: object
    numbered_row: int
    headers: dict

    def line(self, code: str) -> int:
        """The worksheet row whose Mã số is ``code``."""
        for row in range(self.numbered_row + 1, self.form.max_row + 1):
            if str(self.form.cell(row=row, column=2).value or "") == code:
                return row
        raise KeyError(code)

    def column(self, *texts: str) -> int:
        """The one column whose header texts contain each of ``texts``."""
        found = [
            column
            for column, path in self.headers.items()
            if all(any(text in part for part in path) for text in texts)
        ]
        assert len(found) == 1, (texts, found)
        return found[0]

    def cell(self, code: str, *texts: str):
        return self.form.cell(row=self.line(code), column=self.column(*texts))

    def value(self, code: str, *texts: str):
        return self.cell(code, *texts).value

    def highlighted(self) -> set[str]:
        """Coordinates of the yellow cells of the form."""
        return {
            cell.coordinate
            for line in self.form.iter_rows()
            for cell in line
            if cell.fill is not None and cell.fill.fgColor.rgb == "FFFFF2CC"
        }

    def listed(self) -> list[str]:
        """The cells named on the last sheet, in order."""
        values = [row[1] for row in self.manual.iter_rows(min_row=5, values_only=True)]
        return [v for v in values if v]


def read_back(data: bytes, depth: int) -> Sheet:
    """Open a form's workbook; ``depth`` is the number of header rows above the numbered
    row."""
    book = load_workbook(io.BytesIO(data))
    form = book.worksheets[0]
    assert book.sheetnames[-1] == MANUAL_SHEET
    numbered = next(
        row
        for row in range(1, form.max_row + 1)
        if form.cell(row=row, column=1).value == "A" and form.cell(row=row, column=2).value == "B"
    )
    merged = {}
    for cells in form.merged_cells.ranges:
        top = form.cell(row=cells.min_row, column=cells.min_col).value
        for row in range(cells.min_row, cells.max_row + 1):
            for column in range(cells.min_col, cells.max_col + 1):
                merged[(row, column)] = top
    headers = {}
    for column in range(1, form.max_column + 1):
        path = []
        for row in range(numbered - depth, numbered):
            value = merged.get((row, column), form.cell(row=row, column=column).value)
            if value and (not path or path[-1] != value):
                path.append(str(value))
        headers[column] = path
    return Sheet(book.worksheets[0], book[MANUAL_SHEET], numbered, headers)


def workbook_of(code: str, council, year: int = YEAR) -> bytes:
    """The form ``code`` of ``council`` for ``year`` as workbook bytes."""
    out = io.BytesIO()
    write_form_xlsx(build_form(code, council=council, year=year), out)
    return out.getvalue()
