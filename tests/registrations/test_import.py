"""Importing registration lines from Excel through the pages: template, upload, preview, save."""

import datetime
import html
import io
import re
from pathlib import Path

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.imports.storage import HISTORY_UPLOADS
from common.imports.reading import SheetRow, WorkbookError
from common.imports.storage import PendingImportMissing, pending_import_open, pending_import_store
from organizations.models import Membership, Person
from registrations.imports.layout import COLUMNS, SHEET
from registrations.imports.reading import registration_workbook_read
from registrations.imports.storage import REGISTRATION_UPLOADS
from registrations.models import Registration
from registrations.services.registrations import (
    EntryInput,
    entries_replace,
    registration_start,
    registration_submit,
)
from tests.awards.test_history_import import grant, while_another_request_saves, workbook
from tests.factories import MembershipFactory, PersonFactory, UnitFactory
from tests.registrations.conftest import BEFORE

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FIRST_ROW = 4  # rows 2 and 3 of the template are its examples


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def registration(window, tree) -> Registration:
    """Ward A's draft registration (ward A has the residential group ``tree.group_a``)."""
    return registration_start(window=window.window, unit=tree.ward_a)


@pytest.fixture
def officer(client, officer_a):
    """A client logged in as ward A's officer."""
    client.force_login(officer_a)
    return client


def row(**values) -> dict:
    return values


def collective(unit: str, award: str = "Tập thể lao động tiên tiến", **values) -> dict:
    return {"kind": "Tập thể", "collective": unit, "award": award, **values}


def individual(name: str, award: str = "Lao động tiên tiến", **values) -> dict:
    return {"kind": "Cá nhân", "full_name": name, "award": award, **values}


def filled(template: bytes, rows) -> bytes:
    """The downloaded template with ``rows`` written after its example rows."""
    book = openpyxl.load_workbook(io.BytesIO(template))
    sheet = book[SHEET]
    for number, values in enumerate(rows, start=1):
        sheet.append([number if c.key == "number" else values.get(c.key) for c in COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def template_of(client, registration) -> bytes:
    response = client.get(reverse("registrations:import_template", args=[registration.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    return response.content


def upload(client, registration, data: bytes, name: str = "dang-ky-2020.xlsx"):
    return client.post(
        reverse("registrations:import", args=[registration.pk]),
        {"workbook": SimpleUploadedFile(name, data, XLSX)},
    )


def preview_of(client, registration, rows):
    """Upload a filled template; return the preview page's URL and response."""
    uploaded = upload(client, registration, filled(template_of(client, registration), rows))
    assert uploaded.status_code == 302, uploaded.context["form"].errors
    return uploaded.url, client.get(uploaded.url)


def text_of(response) -> str:
    return html.unescape(response.content.decode())


def lines_of(registration) -> list[tuple]:
    return [
        (e.order, e.kind, str(e.recipient), e.award.code, e.initiative_name)
        for e in registration.entries.select_related("collective", "person", "title", "form")
    ]


def test_template_downloads_with_the_units_and_catalog_and_reads_back(officer, registration, tree):
    content = template_of(officer, registration)
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book[SHEET]
    assert [cell.value for cell in sheet[1]] == [c.header for c in COLUMNS]
    units = [r[0] for r in book["Đơn vị"].iter_rows(min_row=2, values_only=True)]
    assert units == ["Phường An Bình", "Tổ dân phố số 1"]
    catalog = [r[1] for r in book["Danh mục"].iter_rows(min_row=2, values_only=True)]
    assert "advanced_collective" in catalog
    assert "advanced_worker" in catalog
    assert "cultural_family" not in catalog  # households do not register here
    with pytest.raises(WorkbookError):  # only the examples: nothing to import
        registration_workbook_read(data=content)

    rows = registration_workbook_read(
        data=filled(content, [collective("Phường An Bình"), individual("Trần Thị Bình")])
    )

    assert [(r.row, r.values["kind"], r.values["award"]) for r in rows] == [
        (FIRST_ROW, "Tập thể", "Tập thể lao động tiên tiến"),
        (FIRST_ROW + 1, "Cá nhân", "Lao động tiên tiến"),
    ]


def test_a_good_file_appends_all_its_lines_and_creates_new_people(
    officer, registration, tree, window
):
    already = Person.objects.create(full_name="Nguyễn Văn An", birth_year=1980, unit=tree.ward_a)
    entries_replace(
        registration=registration,
        rows=[EntryInput(kind="individual", person=already, award=window.title("advanced_worker"))],
    )
    url, preview = preview_of(
        officer,
        registration,
        [
            collective("Phường An Bình"),
            collective("tổ dân phố SỐ 1", "certificate_of_merit"),
            individual(
                "nguyễn văn an",
                "Chiến sĩ thi đua cơ sở",
                birth_year=1980,
                initiative_name="Số hóa hồ sơ một cửa",
            ),
            individual("Trần Thị Bình", birth_year=1985, gender="Nữ", position="Kế toán"),
            individual(
                "Lò Văn Dũng", "certificate_of_merit", unit="Tổ dân phố số 1", birth_year=1990
            ),
            # "Loại" left empty: the filled column says which kind.
            {"full_name": "Trần Thị Bình", "birth_year": 1985, "award": "certificate_of_merit"},
        ],
    )
    assert preview.status_code == 200
    checked = preview.context["preview"]
    assert checked.errors == []
    assert (len(checked.to_import), checked.new_people) == (6, 2)
    assert "Lò Văn Dũng" in text_of(preview)

    saved = officer.post(url)

    assert saved.url == reverse("registrations:edit", args=[registration.pk])
    assert lines_of(registration) == [
        (1, "individual", "Nguyễn Văn An", "advanced_worker", ""),
        (2, "collective", "Phường An Bình", "advanced_collective", ""),
        (3, "collective", "Tổ dân phố số 1", "certificate_of_merit", ""),
        (4, "individual", "Nguyễn Văn An", "emulation_fighter_grassroots", "Số hóa hồ sơ một cửa"),
        (5, "individual", "Trần Thị Bình", "advanced_worker", ""),
        (6, "individual", "Lò Văn Dũng", "certificate_of_merit", ""),
        (7, "individual", "Trần Thị Bình", "certificate_of_merit", ""),
    ]
    assert Person.objects.filter(full_name="Nguyễn Văn An").count() == 1
    binh = Person.objects.get(full_name="Trần Thị Bình")
    assert (binh.unit, binh.birth_year, binh.gender, binh.position, binh.search_name) == (
        tree.ward_a,
        1985,
        "female",
        "Kế toán",
        "tran thi binh",
    )
    assert Person.objects.get(full_name="Lò Văn Dũng").unit == tree.group_a
    (message,) = get_messages(saved.wsgi_request)
    assert message.level_tag == "success"
    # lines, collectives, individuals, new people
    assert re.findall(r"\d+", str(message)) == ["6", "2", "4", "2"]


def test_row_errors_are_listed_by_row_and_column_and_nothing_is_saved(officer, registration, tree):
    rows = [
        collective("Phường An Bình"),  # a good row: still nothing is saved
        row(kind="Hộ gia đình", collective="Phường An Bình", award="Giấy khen"),
        collective("Phường An Bình", "Danh hiệu không có"),
        collective("Phường Bình Minh"),  # another ward of the district
        individual("Phạm Văn Em", unit="Xã Xa Lạ"),  # a unit of another province
        collective("Phường An Bình", "Lao động tiên tiến"),  # a title for individuals
        individual("Phạm Văn Em", "Tập thể lao động tiên tiến"),  # a title for collectives
        individual("Phạm Văn Em", birth_year="khoảng 1980"),
        individual("Phạm Văn Em", collective="Phường An Bình"),
        collective("Phường An Bình", full_name="Phạm Văn Em"),
        row(award="Giấy khen"),  # neither kind, collective nor name
    ]
    url, preview = preview_of(officer, registration, rows)

    errors = preview.context["preview"].errors
    assert [(e.row - FIRST_ROW + 1, e.column) for e in errors] == [
        (2, "Loại"),
        (3, "Danh hiệu / hình thức"),
        (4, "Tập thể"),
        (5, "Đơn vị công tác"),
        (6, "Danh hiệu / hình thức"),
        (7, "Danh hiệu / hình thức"),
        (8, "Năm sinh"),
        (9, "Tập thể"),
        (10, "Họ và tên"),
        (11, "Loại"),
    ]
    page = text_of(preview)
    assert "Dòng 7, cột Tập thể" in page  # the Excel row and the column, in Vietnamese
    for typed in ("Phường Bình Minh", "khoảng 1980", "Danh hiệu không có"):
        assert typed in page
    assert "Xã Xa Lạ" in page

    refused = officer.post(url)

    assert refused.status_code == 200
    assert registration.entries.count() == 0
    assert not Person.objects.filter(full_name="Phạm Văn Em").exists()


def test_an_ambiguous_name_waits_for_a_choice_then_uses_it(officer, registration, tree):
    known = PersonFactory(full_name="Lê Văn Cường", birth_year=1970, unit=tree.ward_a)
    PersonFactory(full_name="Lê Văn Cường", birth_year=None, unit=tree.ward_a)
    url, preview = preview_of(
        officer,
        registration,
        [individual("Lê Văn Cường", birth_year=1970), individual("Lê Văn Cường")],
    )
    checked = preview.context["preview"]
    assert len(checked.ambiguous) == 2
    assert not checked.ready

    waiting = officer.post(url)
    assert waiting.status_code == 200
    assert registration.entries.count() == 0

    tokens = [match.key.token for match in checked.ambiguous]
    choices = {f"person-{tokens[0]}": str(known.pk), f"person-{tokens[1]}": "new"}
    saved = officer.post(url, choices)

    assert saved.status_code == 302
    people = [e.person for e in registration.entries.order_by("order")]
    assert people[0] == known
    assert people[1].birth_year is None
    assert Person.objects.filter(full_name="Lê Văn Cường").count() == 3


def test_lines_already_in_the_registration_or_repeated_are_skipped(
    officer, registration, tree, window
):
    entries_replace(
        registration=registration,
        rows=[
            EntryInput(
                kind="collective", collective=tree.ward_a, award=window.title("advanced_collective")
            )
        ],
    )
    url, preview = preview_of(
        officer,
        registration,
        [
            collective("99001"),  # by code: the line the registration has
            individual("Đỗ Thị Hoa", birth_year=1992),
            individual("đỗ thị hoa", "advanced_worker", birth_year=1992),  # the same line again
        ],
    )
    statuses = [(line.row - FIRST_ROW + 1, line.status) for line in preview.context["lines"]]
    assert statuses == [(1, "already_recorded"), (2, "to_import"), (3, "repeated")]

    officer.post(url)

    assert lines_of(registration) == [
        (1, "collective", "Phường An Bình", "advanced_collective", ""),
        (2, "individual", "Đỗ Thị Hoa", "advanced_worker", ""),
    ]


def test_a_missing_initiative_is_a_warning_and_does_not_stop_the_import(officer, registration):
    url, preview = preview_of(
        officer, registration, [individual("Vũ Văn Giang", "Chiến sĩ thi đua cơ sở")]
    )
    (line,) = preview.context["lines"]
    codes = {finding.code: finding.severity for finding in line.findings}
    assert codes["initiative_name_missing"] == "warning"
    assert 'data-code="initiative_name_missing"' in text_of(preview)

    assert officer.post(url).status_code == 302
    assert registration.entries.get().initiative_name == ""


def test_another_units_officer_gets_404_and_a_reader_403(client, registration, window, tree):
    ward_b_officer = window.clusters.officer_of(tree.ward_b)
    client.force_login(ward_b_officer)
    for name in ("registrations:import", "registrations:import_template"):
        assert client.get(reverse(name, args=[registration.pk])).status_code == 404
    other = registration_start(window=window.window, unit=tree.ward_b)
    client.force_login(window.clusters.officer_of(tree.ward_a))  # ward B's cluster leader
    assert client.get(reverse("registrations:import", args=[other.pk])).status_code == 403


def test_a_preview_is_found_only_under_its_registration_and_session(
    officer, registration, window, client, tree
):
    url, _ = preview_of(officer, registration, [collective("Phường An Bình")])
    token = url.rstrip("/").rsplit("/", 1)[-1]
    other = registration_start(window=window.window, unit=tree.group_a)
    elsewhere = reverse("registrations:import_preview", args=[other.pk, token])
    assert officer.get(elsewhere).status_code == 404


def test_a_submitted_registration_refuses_the_import(officer, registration, window, tree):
    url, _ = preview_of(officer, registration, [individual("Hà Văn Khánh")])
    entries_replace(
        registration=registration,
        rows=[
            EntryInput(
                kind="collective", collective=tree.ward_a, award=window.title("advanced_collective")
            )
        ],
    )
    registration_submit(registration=registration, actor=None, today=BEFORE)

    refused = officer.post(url)

    assert refused.status_code == 200
    page = text_of(refused)
    assert 'id="not-editable"' in page
    assert "Đã nộp" in page  # the registration's state, in the refusal
    assert [m.level_tag for m in refused.context["messages"]] == ["error"]
    assert registration.entries.count() == 1
    assert not Person.objects.filter(full_name="Hà Văn Khánh").exists()
    content = filled(template_of(officer, registration), [individual("Hà Văn Khánh")])
    again = upload(officer, registration, content)
    assert again.url == reverse("registrations:detail", args=[registration.pk])
    assert officer.get(reverse("registrations:import", args=[registration.pk])).status_code == 302


def test_confirming_twice_saves_once(officer, officer_a, registration):
    url, _ = preview_of(officer, registration, [individual("Mai Thị Lan")])
    token = url.rstrip("/").rsplit("/", 1)[-1]
    edit = reverse("registrations:edit", args=[registration.pk])
    second = while_another_request_saves(
        officer_a, token, lambda: officer.post(url), namespace=REGISTRATION_UPLOADS
    )
    assert second.url == edit
    assert registration.entries.count() == 0

    assert officer.post(url).url == edit
    assert officer.post(url).url == edit

    assert registration.entries.count() == 1
    assert Person.objects.filter(full_name="Mai Thị Lan").count() == 1


def test_an_unreadable_upload_is_refused(officer, registration):
    refused = upload(officer, registration, b"not a workbook", name="dang-ky.xlsx")
    assert refused.status_code == 200
    assert refused.context["form"].errors["workbook"]
    missing = openpyxl.Workbook()
    missing.active.append(["STT", "Họ và tên"])
    buffer = io.BytesIO()
    missing.save(buffer)
    refused = upload(officer, registration, buffer.getvalue())
    assert "Danh hiệu / hình thức" in refused.context["form"].errors["workbook"][0]


def rows_for(tree, size: int, tag: str) -> list[dict]:
    """``size`` rows: collectives, people on record and new people, in turn."""
    units = ["Phường An Bình", "Tổ dân phố số 1"]
    awards = ["advanced_collective", "certificate_of_merit", "excellent_collective"]
    rows = []
    for index in range(size):
        if index % 3 == 0:
            rows.append(collective(units[index % 2], awards[index // 3 % 3]))
        elif index % 3 == 1:
            name = f"Người Có {tag} {index}"
            PersonFactory(full_name=name, birth_year=1980, unit=tree.group_a)
            rows.append(individual(name, birth_year=1980, unit="Tổ dân phố số 1"))
        else:
            rows.append(individual(f"Người Mới {tag} {index}", birth_year=1990))
    return rows


@pytest.mark.parametrize("action", ["preview", "save"])
def test_preview_and_save_run_the_same_queries_for_5_and_50_rows(
    officer, registration, tree, action
):
    counts = []
    for size in (5, 50):
        url, _ = preview_of(officer, registration, rows_for(tree, size, str(size)))
        with CaptureQueriesContext(connection) as captured:
            response = officer.get(url) if action == "preview" else officer.post(url)
        assert response.status_code == (200 if action == "preview" else 302)
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]
    if action == "save":
        assert Person.objects.filter(full_name__startswith="Người Mới").count() == 1 + 16


def test_a_dissolved_unit_below_cannot_be_registered(officer, registration, tree):
    UnitFactory(
        name="Tổ dân phố số 9",
        kind="residential_group",
        parent=tree.ward_a,
        dissolved_on=datetime.date(2019, 12, 31),
    )
    _, preview = preview_of(officer, registration, [collective("Tổ dân phố số 9")])

    (error,) = preview.context["preview"].errors
    assert (error.row, error.column) == (FIRST_ROW, "Tập thể")
    assert "Tổ dân phố số 9" in str(error)


def award_history_upload(client) -> str:
    """Upload a one-row award-history file through the awards pages; return its token."""
    uploaded = client.post(
        reverse("awards:import"),
        {"workbook": SimpleUploadedFile("khen-thuong.xlsx", workbook(client, grants=[grant()]))},
    )
    assert uploaded.status_code == 302, uploaded.context["form"].errors
    return uploaded.url.rstrip("/").rsplit("/", 1)[-1]


def test_a_token_of_one_import_is_a_404_on_the_other_imports_pages(
    officer, officer_a, registration, tree
):
    """An officer who is also in the secretariat has uploads pending in both imports: neither
    import's pages know the other's token (no 500, nothing saved)."""
    MembershipFactory(user=officer_a, unit=tree.district, role=Membership.Role.SECRETARIAT)
    url, _ = preview_of(officer, registration, [collective("Phường An Bình")])
    registration_token = url.rstrip("/").rsplit("/", 1)[-1]
    awards_token = award_history_upload(officer)

    for page in ("awards:import_preview", "awards:import_done"):
        address = reverse(page, args=[registration_token])
        assert officer.get(address).status_code == 404
        assert officer.post(address).status_code == 404
    address = reverse("registrations:import_preview", args=[registration.pk, awards_token])
    assert officer.get(address).status_code == 404
    assert officer.post(address).status_code == 404

    assert registration.entries.count() == 0
    assert officer.post(url).status_code == 302  # each upload still works on its own pages
    assert registration.entries.count() == 1
    saved = reverse("awards:import_done", args=[registration_token])
    assert officer.get(saved).status_code == 404  # nor is its summary an awards result


def test_each_import_keeps_its_own_pending_uploads_folder_and_limit(officer_a, media):
    """Five registration uploads do not push an award-history upload out of the session: each
    import has its session keys, media folder and limit of five pending uploads."""
    session = {}
    award_row = SheetRow(sheet="Khen thưởng", row=3, values={"full_name": "Trần Thị Bình"})
    kept = pending_import_store(
        namespace=HISTORY_UPLOADS,
        session=session,
        user=officer_a,
        data=b"xlsx",
        rows=[award_row],
        file_name="khen-thuong.xlsx",
    )
    tokens = [
        pending_import_store(
            namespace=REGISTRATION_UPLOADS,
            session=session,
            user=officer_a,
            data=b"xlsx",
            rows=[SheetRow(sheet=SHEET, row=4, values={"kind": "Tập thể"})],
            file_name=f"dang-ky-{number}.xlsx",
            scope=7,
        )
        for number in range(6)
    ]

    opened = pending_import_open(
        namespace=HISTORY_UPLOADS, session=session, user=officer_a, token=kept
    )
    assert opened == ([award_row], "khen-thuong.xlsx")
    pending = {"namespace": REGISTRATION_UPLOADS, "session": session, "user": officer_a}
    with pytest.raises(PendingImportMissing):  # the oldest of six: dropped, files deleted
        pending_import_open(**pending, token=tokens[0], scope=7)
    for token in tokens[1:]:
        assert pending_import_open(**pending, token=token, scope=7)[1].startswith("dang-ky-")
    with pytest.raises(PendingImportMissing):  # bound to registration 7
        pending_import_open(**pending, token=tokens[1], scope=8)
    folders = {path.parent.parent.relative_to(media) for path in media.rglob("*.json")}
    assert folders == {Path("awards/imports"), Path("registrations/imports")}
    assert len(list(media.rglob("*.xlsx"))) == 1 + 5
