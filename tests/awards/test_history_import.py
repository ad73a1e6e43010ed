"""Importing award history from Excel through the pages: upload, preview, confirm, result."""

import datetime
import html
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.imports.layout import GRANT_COLUMNS, RATING_COLUMNS
from awards.imports.storage import HISTORY_UPLOADS
from awards.models import AnnualRating, AwardDecision, AwardGrant, EmulationTitle
from common.imports.storage import pending_import_claim
from common.models import StateChange
from organizations.models import Person
from tests.awards.factories import (
    AnnualRatingFactory,
    AwardFormFactory,
    EmulationTitleFactory,
)
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def catalog(db):
    """The titles and forms the files name (loaded by the catalog migration, or made here)."""
    return {
        code: factory(code=code)
        for factory, code in [
            (EmulationTitleFactory, "advanced_worker"),
            (EmulationTitleFactory, "emulation_fighter_grassroots"),
            (AwardFormFactory, "certificate_of_merit"),
        ]
    }


@pytest.fixture
def importer(client, secretariat, catalog):
    """A client logged in as the district secretariat."""
    client.force_login(secretariat)
    return client


def grant(**values) -> dict:
    row = {
        "full_name": "Trần Thị Bình",
        "birth_year": 1985,
        "gender": "Nữ",
        "position": "Chuyên viên",
        "unit": "Phường An Bình",
        "award": "advanced_worker",
        "year": 2024,
        "decision_number": "45/QĐ-UBND",
        "decision_date": "20/12/2024",
        "authority": "Chủ tịch UBND phường An Bình",
        "achievement": "Theo công trạng",
    }
    return {**row, **values}


def rating(**values) -> dict:
    row = {
        "full_name": "Trần Thị Bình",
        "birth_year": 1985,
        "unit": "Phường An Bình",
        "year": 2024,
        "rating": "Hoàn thành tốt nhiệm vụ",
    }
    return {**row, **values}


def filled(template: bytes, *, grants=(), ratings=()) -> bytes:
    """The downloaded template with ``grants`` and ``ratings`` written from row 3 on."""
    book = openpyxl.load_workbook(io.BytesIO(template))
    for sheet, columns, rows in (
        (book["Khen thưởng"], GRANT_COLUMNS, grants),
        (book["Xếp loại"], RATING_COLUMNS, ratings),
    ):
        for number, row in enumerate(rows, start=1):
            sheet.append([number if c.key == "number" else row.get(c.key) for c in columns])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def workbook(client, **rows) -> bytes:
    template = client.get(reverse("awards:import_template"))
    assert template.status_code == 200
    return filled(template.content, **rows)


def upload(client, data: bytes, name: str = "khen-thuong-2024.xlsx"):
    return client.post(reverse("awards:import"), {"workbook": SimpleUploadedFile(name, data, XLSX)})


def preview_of(client, **rows):
    """Upload a filled template; return the preview page's URL and response."""
    uploaded = upload(client, workbook(client, **rows))
    assert uploaded.status_code == 302, uploaded.context["form"].errors
    return uploaded.url, client.get(uploaded.url)


def text_of(response) -> str:
    return html.unescape(response.content.decode())


def test_import_saves_grants_and_ratings_matching_and_creating_people(importer, tree, media):
    an = PersonFactory(full_name="Nguyễn Văn An", birth_year=1980, unit=tree.ward_a)
    fighter = EmulationTitle.objects.get(code="emulation_fighter_grassroots")
    url, preview = preview_of(
        importer,
        grants=[
            grant(full_name="Nguyễn Văn An", birth_year=1980, gender="Nam"),
            grant(award=fighter.name_vi),
            grant(
                full_name=None,
                birth_year=None,
                gender=None,
                position=None,
                unit=None,
                collective="99002",
                award="certificate_of_merit",
                decision_number="12/QĐ-UBND",
                decision_date=datetime.date(2025, 1, 15),  # typed as an Excel date
                authority="Chủ tịch UBND thị xã",
                achievement="đột xuất",
            ),
        ],
        ratings=[
            rating(full_name="NGUYEN VAN AN", birth_year=1980, rating="HTXSNV"),
            rating(),
        ],
    )
    assert preview.status_code == 200
    assert preview.context["preview"].ready
    assert "Tạo mới" in text_of(preview)

    saved = importer.post(url)

    assert saved.status_code == 302
    binh = Person.objects.get(full_name="Trần Thị Bình")
    assert (binh.birth_year, binh.gender, binh.position, binh.unit) == (
        1985,
        Person.Gender.FEMALE,
        "Chuyên viên",
        tree.ward_a,
    )
    assert binh.search_name == "tran thi binh"
    assert Person.objects.count() == 2
    ward_decision = AwardDecision.objects.get(number="45/QĐ-UBND")
    assert ward_decision.date == datetime.date(2024, 12, 20)
    assert ward_decision.authority == "Chủ tịch UBND phường An Bình"
    town_decision = AwardDecision.objects.get(number="12/QĐ-UBND")
    assert town_decision.date == datetime.date(2025, 1, 15)
    grants = AwardGrant.objects.order_by("pk")
    assert [(g.recipient, g.award.code, g.year, g.decision, g.achievement) for g in grants] == [
        (an, "advanced_worker", 2024, ward_decision, "merit"),
        (binh, "emulation_fighter_grassroots", 2024, ward_decision, "merit"),
        (tree.ward_b, "certificate_of_merit", 2024, town_decision, "sudden"),
    ]
    assert sorted(AnnualRating.objects.values_list("person__full_name", "year", "rating")) == [
        ("Nguyễn Văn An", 2024, "excellent"),
        ("Trần Thị Bình", 2024, "good"),
    ]
    records = StateChange.objects.filter(to_state="imported").order_by("object_id")
    assert [(r.object_id, r.actor.username, r.reason) for r in records] == [
        (ward_decision.pk, "thuongtruc", "khen-thuong-2024.xlsx"),
        (town_decision.pk, "thuongtruc", "khen-thuong-2024.xlsx"),
    ]
    assert not [p for p in media.rglob("*") if p.is_file()]  # the upload is deleted

    done = importer.get(saved.url)

    assert "Đã nhập 5 dòng: 3 khen thưởng, 2 xếp loại; tạo mới 1 cá nhân." in text_of(done)
    assert reverse("awards:lookup") in done.text


def test_import_row_errors_are_listed_by_row_and_column_and_nothing_is_saved(importer, tree):
    url, preview = preview_of(
        importer,
        grants=[
            grant(),
            grant(year="20x4"),
            grant(award="Chiến sĩ thi đua", decision_date="2024-12-20"),
            grant(unit="Phường Không Có", gender="Trai"),
        ],
        ratings=[rating(rating="Giỏi"), rating(full_name=None)],
    )

    assert [str(error) for error in preview.context["preview"].errors] == [
        "Dòng 4, cột Năm: '20x4' không phải là năm",
        "Dòng 5, cột Danh hiệu / hình thức: Không tìm thấy danh hiệu 'Chiến sĩ thi đua' "
        "trong danh mục",
        "Dòng 5, cột Ngày quyết định: Ngày quyết định phải theo dạng ngày/tháng/năm",
        "Dòng 6, cột Giới tính: Ghi Nam hoặc Nữ, không ghi 'Trai'",
        "Dòng 6, cột Đơn vị: Không tìm thấy đơn vị 'Phường Không Có'",
        "Dòng 3, cột Xếp loại: 'Giỏi' không phải là mức xếp loại: ghi một trong các mức "
        "Hoàn thành xuất sắc nhiệm vụ, Hoàn thành tốt nhiệm vụ, Hoàn thành nhiệm vụ, "
        "Không hoàn thành nhiệm vụ",
        "Dòng 4, cột Họ và tên: Không được để trống",
    ]
    page = text_of(preview)
    assert "Dòng 4, cột Năm: '20x4' không phải là năm" in page
    assert "Lưu dữ liệu nhập" not in page

    refused = importer.post(url)

    assert refused.status_code == 200
    assert "Tệp còn lỗi: hãy sửa rồi tải lên lại." in text_of(refused)
    assert (AwardGrant.objects.count(), AwardDecision.objects.count()) == (0, 0)
    assert (Person.objects.count(), AnnualRating.objects.count()) == (0, 0)


def test_import_of_a_unit_outside_the_users_scope_is_a_row_error(importer, tree):
    _, preview = preview_of(
        importer,
        grants=[
            grant(unit="Xã Xa Lạ"),
            grant(full_name=None, unit=None, collective="92", award="certificate_of_merit"),
        ],
    )

    assert [str(error) for error in preview.context["preview"].errors] == [
        "Dòng 3, cột Đơn vị: Đơn vị 'Xã Xa Lạ' không thuộc các đơn vị bạn được nhập dữ liệu",
        "Dòng 4, cột Tập thể được khen: Đơn vị '92' không thuộc các đơn vị bạn được nhập dữ liệu",
    ]


def test_import_checks_who_a_title_or_form_is_for(importer, tree):
    _, preview = preview_of(
        importer,
        grants=[grant(full_name=None, unit=None, collective="Phường Bình Minh")],
    )

    [error] = preview.context["preview"].errors
    title = EmulationTitle.objects.get(code="advanced_worker")
    assert str(error) == (
        f"Dòng 3, cột Danh hiệu / hình thức: '{title.name_vi}' không khen cho tập thể"
    )


def test_import_of_an_ambiguous_name_waits_for_a_choice_then_uses_it(importer, tree):
    first = PersonFactory(full_name="Nguyễn Văn An", birth_year=1980, unit=tree.ward_a)
    second = PersonFactory(
        full_name="Nguyễn Văn An", birth_year=1980, unit=tree.ward_a, position="Kế toán"
    )
    PersonFactory(full_name="Nguyễn Văn An", birth_year=1975, unit=tree.ward_a)  # not him
    url, preview = preview_of(
        importer,
        grants=[grant(full_name="Nguyễn Văn An", birth_year=1980)],
        ratings=[rating(full_name="Nguyễn Văn An", birth_year=1980)],
    )
    [match] = preview.context["preview"].ambiguous
    assert match.candidates == [first, second]
    assert match.rows == [("Khen thưởng", 3), ("Xếp loại", 3)]
    page = text_of(preview)
    assert "Nguyễn Văn An, 1980, Kế toán – Phường An Bình" in page
    field = f"person-{match.key.token}"
    assert f'name="{field}"' in page

    refused = importer.post(url)

    assert "Hãy chọn đúng người cho từng tên trùng trước khi lưu." in text_of(refused)
    assert AwardGrant.objects.count() == 0

    saved = importer.post(url, {field: str(second.pk)})

    assert saved.status_code == 302
    assert AwardGrant.objects.get().person == second
    assert AnnualRating.objects.get().person == second
    assert Person.objects.count() == 3


def test_import_of_a_name_without_birth_year_asks_and_may_create_a_new_person(importer, tree):
    known = PersonFactory(full_name="Lê Văn Cường", birth_year=1990, unit=tree.ward_a)
    url, preview = preview_of(
        importer, grants=[grant(full_name="Le Van Cuong", birth_year=None, gender="Nam")]
    )
    [match] = preview.context["preview"].ambiguous
    assert match.candidates == [known]

    saved = importer.post(url, {f"person-{match.key.token}": "new"})

    assert saved.status_code == 302
    created = AwardGrant.objects.get().person
    assert created != known
    assert (created.full_name, created.birth_year, created.unit) == (
        "Le Van Cuong",
        None,
        tree.ward_a,
    )


def test_import_of_the_same_file_twice_skips_what_is_already_recorded(importer, tree):
    rows = {
        "grants": [grant(), grant(full_name="Lê Văn Cường", birth_year=1990, gender="Nam")],
        "ratings": [rating()],
    }
    data = workbook(importer, **rows)
    first = upload(importer, data)
    importer.post(first.url)
    counts = (AwardDecision.objects.count(), AwardGrant.objects.count(), Person.objects.count())
    assert counts == (1, 2, 2)

    second = upload(importer, data)
    preview = importer.get(second.url)
    assert preview.context["preview"].already_recorded == 3
    assert preview.context["preview"].new_people == 0
    assert "Đã có" in text_of(preview)
    done = importer.get(importer.post(second.url).url)

    assert (AwardDecision.objects.count(), AwardGrant.objects.count()) == (1, 2)
    assert (Person.objects.count(), AnnualRating.objects.count()) == (2, 1)
    assert StateChange.objects.filter(to_state="imported").count() == 1
    page = text_of(done)
    assert "Đã nhập 0 dòng: 0 khen thưởng, 0 xếp loại; tạo mới 0 cá nhân." in page
    assert "3 dòng đã có nên được bỏ qua." in page


def test_import_adds_grants_to_an_existing_decision_written_differently(importer, tree):
    decision = AwardDecision.objects.create(
        number="45/QĐ-UBND",
        date=datetime.date(2024, 12, 20),
        authority="Chủ tịch UBND Phường An Bình",
    )
    url, _ = preview_of(importer, grants=[grant(decision_number="45/qđ-ubnd")])

    importer.post(url)

    assert AwardGrant.objects.get().decision == decision
    assert AwardDecision.objects.count() == 1


def test_import_refuses_a_rating_different_from_the_one_recorded(importer, tree):
    binh = PersonFactory(full_name="Trần Thị Bình", birth_year=1985, unit=tree.ward_a)
    AnnualRatingFactory(person=binh, year=2024, rating=AnnualRating.Rating.COMPLETED)
    url, preview = preview_of(importer, ratings=[rating(), rating(year=2023)])

    [error] = preview.context["preview"].errors

    assert str(error) == (
        "Dòng 3, cột Xếp loại: Đã được xếp loại 'Hoàn thành nhiệm vụ' năm 2024: "
        "không ghi đè xếp loại đã có"
    )
    importer.post(url)
    assert AnnualRating.objects.get(person=binh, year=2024).rating == "completed"
    assert not AnnualRating.objects.filter(year=2023).exists()


def test_import_finds_a_unit_whose_code_lost_its_leading_zeros(importer, tree):
    tree.ward_b.code = "00107"
    tree.ward_b.save()
    url, preview = preview_of(importer, grants=[grant(unit=107)])

    assert preview.context["preview"].errors == []
    importer.post(url)
    assert AwardGrant.objects.get().person.unit == tree.ward_b


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("danh-sach.xlsx", b"STT,Ho va ten\n1,An\n", "Tệp không phải là bảng tính Excel (.xlsx)."),
        ("danh-sach.csv", b"STT,Ho va ten\n", "Chỉ nhập được tệp Excel (.xlsx)."),
        ("danh-sach.xlsx", b"", "Tập tin được gửi là rỗng."),  # Django's own message
        ("lon.xlsx", b"PK" + b"\0" * (5 * 1024 * 1024), "Tệp lớn hơn 5 MB."),
    ],
    ids=["not-xlsx", "suffix", "empty", "oversized"],
)
def test_upload_of_a_file_that_cannot_be_read_is_refused_and_not_stored(
    importer, tree, media, name, data, message
):
    response = upload(importer, data, name=name)

    assert response.status_code == 200
    assert message in text_of(response)
    assert not list(media.rglob("*"))
    assert not importer.session.get("awards_history_imports")


def test_upload_with_wrong_headers_is_refused(importer, tree):
    book = openpyxl.Workbook()
    book.active.title = "Khen thưởng"
    book.active.append(["STT", "Họ tên", "Năm"])
    buffer = io.BytesIO()
    book.save(buffer)

    response = upload(importer, buffer.getvalue())

    assert "Trang 'Khen thưởng' thiếu các cột: Họ và tên, Năm sinh" in text_of(response)


def test_unit_officer_may_not_import(client, officer_a, catalog):
    client.force_login(officer_a)

    assert client.get(reverse("awards:import")).status_code == 403
    assert client.get(reverse("awards:import_template")).status_code == 403
    assert client.get(reverse("awards:import_preview", args=["0" * 32])).status_code == 403


def while_another_request_saves(user, token, action, namespace=HISTORY_UPLOADS):
    """Run ``action`` while another request holds the import ``token`` of ``namespace``, then
    let that request fail (which releases the import)."""

    class Failed(Exception):
        pass

    try:
        with pending_import_claim(namespace=namespace, user=user, token=token):
            result = action()
            raise Failed
    except Failed:
        return result


def test_confirming_an_import_twice_saves_it_once(importer, tree, secretariat):
    url, _ = preview_of(importer, grants=[grant()])
    token = url.rstrip("/").rsplit("/", 1)[-1]
    second = while_another_request_saves(secretariat, token, lambda: importer.post(url))
    assert second.url == reverse("awards:import_done", args=[token])
    assert AwardGrant.objects.count() == 0

    assert importer.post(url).status_code == 302
    again = importer.post(url)

    assert again.url == reverse("awards:import_done", args=[token])
    assert AwardGrant.objects.count() == 1
    assert "Tệp này đã được lưu." in text_of(importer.get(again.url))


def test_preview_of_an_import_of_another_session_is_a_404(importer, tree, client, secretariat):
    url, _ = preview_of(importer, grants=[grant()])
    other = client.__class__()
    other.force_login(secretariat)

    assert other.get(url).status_code == 404
    assert other.get(f"{url}done/").status_code == 404
    other.post(url)
    assert AwardGrant.objects.count() == 0


@pytest.mark.parametrize("people", [5, 100])
def test_preview_query_count_does_not_grow_with_rows(
    importer, tree, django_assert_num_queries, people
):
    for i in range(0, people, 2):  # half of them are known already
        PersonFactory(full_name=f"Người Thứ {i}", birth_year=1980, unit=tree.ward_a)
    rows = {
        "grants": [grant(full_name=f"Người Thứ {i}", birth_year=1980) for i in range(people)],
        "ratings": [rating(full_name=f"Người Thứ {i}", birth_year=1980) for i in range(people)],
    }
    url = upload(importer, workbook(importer, **rows)).url

    # savepoint, session, user, may import, units named, units allowed (one recursive query),
    # titles, forms, namesakes, decisions of the dates named, ratings of the people, release
    with django_assert_num_queries(12):
        response = importer.get(url)

    assert response.status_code == 200
    assert response.context["preview"].grants_to_import == people


def test_a_refused_confirmation_keeps_the_choices_made(importer, tree):
    people = [
        PersonFactory(full_name=name, birth_year=None, unit=tree.ward_a)
        for name in ("Đỗ Văn Em", "Hoàng Thị Gấm")
    ]
    url, preview = preview_of(
        importer,
        grants=[grant(full_name=person.full_name, birth_year=None) for person in people],
    )
    em, gam = preview.context["preview"].ambiguous

    refused = importer.post(url, {f"person-{em.key.token}": str(people[0].pk)})

    assert refused.status_code == 200
    assert f'value="{people[0].pk}" checked' in refused.text
    assert "checked" not in refused.text.split(f'name="person-{gam.key.token}"', 1)[1]
    assert AwardGrant.objects.count() == 0
