"""What an import would do: people matching and duplicates (awards/imports/preview.py)."""

import pytest

from awards.imports.layout import GRANT_SHEET, RATING_SHEET
from awards.imports.preview import history_preview_build
from awards.imports.reading import WorkbookRows
from common.imports.people import AMBIGUOUS, MATCHED, NEW
from common.imports.preview import ALREADY_RECORDED, TO_IMPORT
from common.imports.reading import SheetRow
from tests.awards.factories import EmulationTitleFactory
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def grant_row(row: int, **values) -> SheetRow:
    cells = {
        "full_name": "Phạm Thị Dung",
        "birth_year": 1988,
        "unit": "Phường An Bình",
        "award": "advanced_worker",
        "year": 2024,
        "decision_number": "7/QĐ-UBND",
        "decision_date": "05/01/2025",
        "authority": "Chủ tịch UBND phường An Bình",
    }
    return SheetRow(sheet=GRANT_SHEET, row=row, values={**cells, **values})


def rating_row(row: int, **values) -> SheetRow:
    cells = {
        "full_name": "Phạm Thị Dung",
        "birth_year": 1988,
        "unit": "Phường An Bình",
        "year": 2024,
        "rating": "HTTNV",
    }
    return SheetRow(sheet=RATING_SHEET, row=row, values={**cells, **values})


@pytest.fixture
def build(tree, secretariat):
    EmulationTitleFactory(code="advanced_worker")

    def build(*, grants=(), ratings=(), choices=None):
        rows = WorkbookRows(grants=list(grants), ratings=list(ratings))
        return history_preview_build(rows=rows, user=secretariat, choices=choices)

    return build


@pytest.mark.parametrize(
    ("existing_years", "row_year", "state", "candidates"),
    [
        ([1988], 1988, MATCHED, 1),
        ([1970], 1988, NEW, 0),  # a namesake born another year is someone else
        ([1988, 1988], 1988, AMBIGUOUS, 2),
        ([1988, None], 1988, AMBIGUOUS, 2),  # someone whose birth year is unknown
        ([None], 1988, AMBIGUOUS, 1),
        ([1970], None, AMBIGUOUS, 1),  # the file does not say the birth year
        ([None], None, AMBIGUOUS, 1),
        ([], None, NEW, 0),
    ],
)
def test_matching_by_name_birth_year_and_unit(
    build, tree, existing_years, row_year, state, candidates
):
    for year in existing_years:
        PersonFactory(full_name="Phạm Thị Dung", birth_year=year, unit=tree.ward_a)
    PersonFactory(full_name="Phạm Thị Dung", birth_year=row_year, unit=tree.ward_b)  # elsewhere

    [match] = build(grants=[grant_row(3, birth_year=row_year)]).people

    assert (match.state, len(match.candidates)) == (state, candidates)


def test_matching_ignores_accents_case_and_spaces(build, tree):
    dung = PersonFactory(full_name="Phạm Thị Dung", birth_year=1988, unit=tree.ward_a)

    [match] = build(grants=[grant_row(3, full_name="PHAM  thi dung")]).people

    assert match.person == dung


def test_rows_naming_the_same_new_person_create_one(build):
    preview = build(grants=[grant_row(3)], ratings=[rating_row(3), rating_row(4, year=2023)])

    assert preview.new_people == 1
    assert [match.rows for match in preview.people] == [
        [(GRANT_SHEET, 3), (RATING_SHEET, 3), (RATING_SHEET, 4)]
    ]


def test_a_grant_repeated_in_the_file_is_imported_once(build):
    preview = build(grants=[grant_row(3), grant_row(4), grant_row(5, year=2023)])

    assert [line.status for line in preview.grants] == [TO_IMPORT, ALREADY_RECORDED, TO_IMPORT]
    assert (preview.grants_to_import, preview.already_recorded) == (2, 1)


def test_a_person_rated_twice_differently_in_the_file_is_an_error(build):
    preview = build(ratings=[rating_row(3), rating_row(4), rating_row(5, rating="HTNV")])

    assert [str(error) for error in preview.errors] == [
        "Dòng 5, cột Xếp loại: Tệp xếp loại người này hai lần cho năm 2024, với hai mức khác nhau"
    ]
    assert not preview.ready


def test_a_choice_of_someone_who_is_not_a_candidate_leaves_the_name_undecided(build, tree):
    PersonFactory(full_name="Phạm Thị Dung", birth_year=1988, unit=tree.ward_a)
    PersonFactory(full_name="Phạm Thị Dung", birth_year=1988, unit=tree.ward_a)
    stranger = PersonFactory(full_name="Phạm Thị Dung", birth_year=1988, unit=tree.other_ward)
    token = build(grants=[grant_row(3)]).people[0].key.token

    preview = build(grants=[grant_row(3)], choices={token: str(stranger.pk)})

    assert [match.full_name for match in preview.undecided] == ["Phạm Thị Dung"]
    assert not preview.ready


def test_a_unit_name_shared_by_two_units_asks_for_the_code(build, tree):
    tree.ward_b.name = "Phường An Bình"
    tree.ward_b.save()

    preview = build(grants=[grant_row(3)])

    assert [str(error) for error in preview.errors] == [
        "Dòng 3, cột Đơn vị: Có nhiều đơn vị tên 'Phường An Bình': hãy ghi mã đơn vị thay cho tên"
    ]
