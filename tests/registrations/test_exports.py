"""Exports of a cluster list and of a window's overview (registrations/exports): the Excel and PDF
files themselves, and rendering them into an ``ExportFile`` as the Celery task does.

``exported`` builds, in the ``window`` of tests/registrations/conftest.py (closes 28/02/2020):
cluster 1 — Phường An Bình (leader, 2 people) and Phường Bình Minh (1 person) accepted and
consolidated; Phường Cổ Đông submitted then returned; Xã Đường Lâm never started. Cluster 2 —
Xã Kim Sơn never started. Outside the clusters, Phòng Y tế submitted (registered).
"""

import datetime
import io
from collections import Counter
from dataclasses import dataclass

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from common.decree30 import MOTTO, NATION
from organizations.models import Council, Unit
from registrations import exports
from registrations.exports import files as export_files
from registrations.exports.layout import council_bodies, date_line, place_of
from registrations.models import ClusterList, ExportFile, Registration, RegistrationEntry
from registrations.services.cluster_lists import cluster_list_consolidate, cluster_list_of
from registrations.services.registrations import (
    registration_accept,
    registration_return,
    registration_submit,
)
from registrations.tasks import render_export_task
from tests.factories import UnitFactory
from tests.registrations.conftest import BEFORE, WindowSetup, registration_with_lines

TODAY = datetime.date(2020, 3, 5)
FORMULA = '=HYPERLINK("http://x","bấm")'


@dataclass
class Exported:
    """The ``window`` setup with the registrations above and the consolidated list."""

    setup: WindowSetup
    cluster_list: ClusterList
    leader: object  # officer of Phường An Bình, the cluster leader
    consolidated: list[Registration]
    returned: Registration

    @property
    def window(self):
        return self.setup.window


def _submitted(setup: WindowSetup, unit, *, people: int = 1) -> Registration:
    registration = registration_with_lines(setup, unit, people=people)
    actor = setup.outsider_officer if unit == setup.outsider else setup.clusters.officer_of(unit)
    return registration_submit(registration=registration, actor=actor, today=BEFORE)


def build_exported(setup: WindowSetup) -> Exported:
    clusters = setup.clusters
    leader = clusters.officer_of(clusters.cluster.leader)
    ward_a, ward_b, ward_c, _ward_d = clusters.members
    consolidated = [
        registration_accept(registration=_submitted(setup, unit, people=people), actor=leader)
        for unit, people in ((ward_a, 2), (ward_b, 1))
    ]
    returned = registration_return(
        registration=_submitted(setup, ward_c), actor=leader, reason="Thiếu sáng kiến"
    )
    _submitted(setup, setup.outsider, people=3)
    cluster_list = cluster_list_of(window=setup.window, cluster=clusters.cluster)
    cluster_list = cluster_list_consolidate(cluster_list=cluster_list, actor=leader)
    return Exported(setup, cluster_list, leader, consolidated, returned)


@pytest.fixture
def exported(window) -> Exported:
    return build_exported(window)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _rows(sheet) -> list[list]:
    """The sheet's rows as lists of values, trailing empty cells dropped."""
    rows = []
    for row in sheet.iter_rows(values_only=True):
        values = list(row)
        while values and values[-1] in (None, ""):
            values.pop()
        rows.append(values)
    return rows


def _find(rows: list[list], value) -> int:
    """Index of the first row holding ``value``."""
    return next(index for index, row in enumerate(rows) if value in row)


def _pdf_text(content: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split())


# --- Cluster list -----------------------------------------------------------------------------


def test_cluster_list_xlsx_has_the_decree_30_header_title_and_signature(exported):
    workbook = load_workbook(
        io.BytesIO(exports.cluster_list_xlsx(cluster_list=exported.cluster_list, today=TODAY))
    )
    assert workbook.sheetnames == ["Danh sách đăng ký"]
    rows = _rows(workbook.active)
    assert rows[0][0] == "CỤM THI ĐUA SỐ 1"
    assert NATION in rows[0]
    assert rows[1][0] == "PHƯỜNG AN BÌNH"
    assert MOTTO in rows[1]
    assert "An Bình, ngày 05 tháng 3 năm 2020" in [v for row in rows for v in row]
    title = _find(rows, "DANH SÁCH ĐĂNG KÝ THI ĐUA NĂM 2020")
    assert rows[title + 1] == ["Thi đua thường xuyên năm 2020"]
    header = _find(rows, "Tên tập thể / cá nhân")
    assert rows[header] == [
        "STT",
        "Tên tập thể / cá nhân",
        "Chức vụ",
        "Đơn vị",
        "Danh hiệu / hình thức đăng ký",
        "Sáng kiến / mô hình",
    ]
    assert header > title
    signature = _find(rows, "CỤM TRƯỞNG")
    assert signature > header
    assert "Phường An Bình" in rows[signature + 1]


def test_cluster_list_xlsx_lists_every_line_collectives_first(exported):
    person = RegistrationEntry.objects.filter(
        registration=exported.consolidated[0], kind="individual"
    ).first()
    person.person.position = "Chủ tịch UBND phường"
    person.person.save()
    content = exports.cluster_list_xlsx(cluster_list=exported.cluster_list, today=TODAY)
    rows = _rows(load_workbook(io.BytesIO(content)).active)
    collectives_at, individuals_at = _find(rows, "I. TẬP THỂ"), _find(rows, "II. CÁ NHÂN")
    closing = _find(rows, "Tổng số: 2 tập thể và 3 cá nhân đăng ký.")
    collectives = rows[collectives_at + 1 : individuals_at]
    individuals = rows[individuals_at + 1 : closing - 1]
    assert [row[:2] for row in collectives] == [[1, "Phường An Bình"], [2, "Phường Bình Minh"]]
    assert all(row[4] == "Tập thể lao động tiên tiến" for row in collectives)
    expected = [
        (e.person.full_name, e.registration.unit.name)
        for e in RegistrationEntry.objects.filter(
            registration__in=exported.consolidated, kind="individual"
        ).order_by("registration__unit__name", "order")
    ]
    assert [(row[1], row[3]) for row in individuals] == expected
    assert [row[0] for row in individuals] == [1, 2, 3]
    assert all(row[4] == "Lao động tiên tiến" for row in individuals)
    assert [row[2] for row in individuals if len(row) > 2 and row[2]] == ["Chủ tịch UBND phường"]
    # The returned registration of Phường Cổ Đông is not in the list.
    assert "Phường Cổ Đông" not in [value for row in rows for value in row]


def test_cluster_list_xlsx_neutralises_formulas(exported):
    entry = RegistrationEntry.objects.filter(registration=exported.consolidated[1]).first()
    entry.model_name = FORMULA
    entry.save()
    workbook = load_workbook(
        io.BytesIO(exports.cluster_list_xlsx(cluster_list=exported.cluster_list, today=TODAY))
    )
    cells = [cell for row in workbook.active.iter_rows() for cell in row if cell.value]
    found = [cell for cell in cells if "HYPERLINK" in str(cell.value)]
    assert [cell.value for cell in found] == ["'" + FORMULA]
    assert found[0].data_type == "s"


def test_an_empty_list_still_has_both_sections(window):
    cluster_list = cluster_list_of(window=window.window, cluster=window.clusters.cluster)
    rows = _rows(
        load_workbook(
            io.BytesIO(exports.cluster_list_xlsx(cluster_list=cluster_list, today=TODAY))
        ).active
    )
    collectives_at, individuals_at = _find(rows, "I. TẬP THỂ"), _find(rows, "II. CÁ NHÂN")
    assert rows[collectives_at + 1][1] == rows[individuals_at + 1][1] == "(Không có)"
    assert _find(rows, "Tổng số: 0 tập thể và 0 cá nhân đăng ký.") > individuals_at


def test_cluster_list_pdf_has_the_title_and_the_units(exported):
    content = exports.cluster_list_pdf(cluster_list=exported.cluster_list, today=TODAY)
    assert content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(content))
    page = reader.pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # A4 landscape
    text = _pdf_text(content)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "CỤM THI ĐUA SỐ 1",
        "DANH SÁCH ĐĂNG KÝ THI ĐUA NĂM 2020",
        "I. TẬP THỂ",
        "II. CÁ NHÂN",
        "Phường Bình Minh",
        "Nguyễn Văn 2",
        "CỤM TRƯỞNG",
    ):
        assert expected in text
    assert text.index("I. TẬP THỂ") < text.index("II. CÁ NHÂN") < text.index("CỤM TRƯỞNG")
    assert "Phường Cổ Đông" not in text


@pytest.mark.parametrize("people", [1, 6])
def test_rendering_a_list_reads_a_fixed_number_of_queries(
    window, people, django_assert_num_queries
):
    leader = window.clusters.officer_of(window.clusters.cluster.leader)
    for unit in window.clusters.members[:2]:
        registration = registration_with_lines(window, unit, people=people)
        registration = registration_submit(registration=registration, actor=leader, today=BEFORE)
        registration_accept(registration=registration, actor=leader)
    cluster_list = cluster_list_of(window=window.window, cluster=window.clusters.cluster)
    cluster_list_consolidate(cluster_list=cluster_list, actor=leader)
    with django_assert_num_queries(2):
        exports.cluster_list_xlsx(cluster_list=cluster_list, today=TODAY)


# --- Overview ---------------------------------------------------------------------------------


def _table(rows: list[list], heading: str, end: str | None = None) -> list[list]:
    """The rows of the table under ``heading`` after its header row, up to a blank row."""
    start = _find(rows, heading) + 2
    found = []
    for row in rows[start:]:
        if not row or (end and end in row):
            break
        found.append(row)
    return found


def test_overview_xlsx_counts_per_award_match_the_registered_lines(exported):
    # A draft's lines do not count: only registered (submitted or accepted) registrations do.
    registration_with_lines(exported.setup, exported.setup.clusters.members[3], people=4)
    workbook = load_workbook(io.BytesIO(exports.overview_xlsx(window=exported.window, today=TODAY)))
    assert workbook.sheetnames == ["Tổng hợp", "Theo đơn vị", "Chưa đăng ký"]
    rows = _rows(workbook["Tổng hợp"])
    assert rows[0][0] == "UBND THỊ XÃ THỬ"
    assert NATION in rows[0]
    assert rows[1][0] == "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG THỊ XÃ"  # the council's name
    assert MOTTO in rows[1]
    assert "Thử, ngày 05 tháng 3 năm 2020" in [v for row in rows for v in row]
    assert _find(rows, "TỔNG HỢP ĐĂNG KÝ THI ĐUA NĂM 2020") > 1
    awards = _table(rows, "II. SỐ LƯỢNG ĐĂNG KÝ THEO DANH HIỆU, HÌNH THỨC KHEN THƯỞNG")
    *lines, total = awards
    expected = Counter()
    for entry in RegistrationEntry.objects.filter(
        registration__window=exported.window,
        registration__status__in=["submitted", "accepted"],
    ).select_related("title", "form"):
        expected[(entry.award.name_vi, entry.kind)] += 1
    assert {row[1]: tuple(row[2:5]) for row in lines} == {
        name: (
            expected[(name, "collective")],
            expected[(name, "individual")],
            expected[(name, "collective")] + expected[(name, "individual")],
        )
        for name, _kind in expected
    }
    # Phòng Y tế (3 people) and the two consolidated units (2 + 1 people), one collective each.
    assert total == [None, "Cộng", 3, 6, 9]
    assert _find(rows, "THƯỜNG TRỰC") > _find(rows, "TM. HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG")


def test_overview_xlsx_per_cluster_per_unit_and_not_registered(exported):
    workbook = load_workbook(io.BytesIO(exports.overview_xlsx(window=exported.window, today=TODAY)))
    rows = _rows(workbook["Tổng hợp"])
    clusters = _table(rows, "I. THEO CỤM, KHỐI THI ĐUA")
    assert clusters == [
        [1, "Cụm thi đua số 1", "Phường An Bình", 4, 2, 1, 2, "Dự thảo"],
        [2, "Cụm thi đua số 2", "Xã Kim Sơn", 1, 0, 0, 1, "Chưa lập"],
        [None, "Cộng", None, 5, 2, 1, 3],
    ]
    units = _rows(workbook["Theo đơn vị"])
    states = {row[1]: row[2] for row in units if row and isinstance(row[0], int)}
    assert states == {
        "Phường An Bình": "Đã chấp thuận",
        "Phường Bình Minh": "Đã chấp thuận",
        "Phường Cổ Đông": "Bị trả lại để sửa",
        "Xã Đường Lâm": "Chưa lập",
        "Xã Kim Sơn": "Chưa lập",
        "Phòng Y tế": "Đã nộp",
    }
    sections = [row[0] for row in units if len(row) == 1 and isinstance(row[0], str)]
    assert sections[-1] == "Đơn vị ngoài cụm, khối thi đua"
    assert units.index(["Đơn vị ngoài cụm, khối thi đua"]) < _find(units, "Phòng Y tế")
    missing = _rows(workbook["Chưa đăng ký"])
    listed = [row[1:] for row in missing if row and isinstance(row[0], int)]
    assert listed == [
        ["Phường Cổ Đông", "Cụm thi đua số 1", "Bị trả lại để sửa"],
        ["Xã Kim Sơn", "Cụm thi đua số 2", "Chưa lập"],
        ["Xã Đường Lâm", "Cụm thi đua số 1", "Chưa lập"],
    ]


def test_overview_xlsx_writes_extensions_as_dates(exported):
    Registration.objects.filter(pk=exported.returned.pk).update(
        extended_until=datetime.date(2020, 3, 10)
    )
    workbook = load_workbook(io.BytesIO(exports.overview_xlsx(window=exported.window, today=TODAY)))
    sheet = workbook["Theo đơn vị"]
    cell = next(row[4] for row in sheet.iter_rows() if row[1].value == "Phường Cổ Đông")
    assert cell.value == datetime.datetime(2020, 3, 10)  # noqa: DTZ001 - Excel dates are naive
    assert cell.number_format == "DD/MM/YYYY"


def test_overview_pdf_has_the_title_and_the_units(exported):
    content = exports.overview_pdf(window=exported.window, today=TODAY)
    assert content.startswith(b"%PDF")
    text = _pdf_text(content)
    for expected in (
        "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG",
        "TỔNG HỢP ĐĂNG KÝ THI ĐUA NĂM 2020",
        "IV. ĐƠN VỊ CHƯA ĐĂNG KÝ",
        "Xã Kim Sơn",
        "Phòng Y tế",
        "THƯỜNG TRỰC",
    ):
        assert expected in text


@pytest.mark.parametrize("extra_units", [0, 5])
def test_rendering_the_overview_reads_a_fixed_number_of_queries(
    exported, extra_units, django_assert_num_queries
):
    for index in range(extra_units):
        unit = UnitFactory(name=f"Xã Thêm {index}", parent=exported.setup.clusters.members[0])
        exported.setup.campaign.participants.add(unit)
        registration_with_lines(exported.setup, unit)
    with django_assert_num_queries(7):
        exports.overview_xlsx(window=exported.window, today=TODAY)


# --- Helpers of the layout ------------------------------------------------------------------


def test_date_line_follows_decree_30():
    assert date_line(place="Sơn Tây", day=datetime.date(2020, 1, 3)) == (
        "Sơn Tây, ngày 03 tháng 01 năm 2020"
    )
    assert date_line(place="", day=datetime.date(2020, 12, 25)) == "Ngày 25 tháng 12 năm 2020"


def test_council_bodies_put_the_peoples_committee_over_the_council(tree):
    tree.council.name = "Hội đồng Thi đua – Khen thưởng thị xã Thử"
    assert council_bodies(tree.council) == ("UBND THỊ XÃ THỬ", "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG")
    school = UnitFactory(name="Trường THCS Thử", kind=Unit.Kind.SCHOOL, parent=tree.district)
    council = Council(unit=school, name="Hội đồng Thi đua – Khen thưởng nhà trường")
    assert council_bodies(council) == ("", "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG NHÀ TRƯỜNG")


def test_place_drops_the_administrative_prefix(tree, window):
    assert place_of(tree.district) == "Thử"
    assert place_of(tree.ward_a) == "An Bình"
    assert place_of(window.outsider) == "Phòng Y tế"  # not an administrative unit


# --- Rendering into an ExportFile (the Celery task) ------------------------------------------


def test_request_renders_after_commit_and_stores_the_file(
    exported, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        export = exports.export_request(
            window=exported.window, fmt="xlsx", cluster_list=exported.cluster_list
        )
        assert export_files.export_state(export) == "rendering"
    assert len(callbacks) == 1
    export.refresh_from_db()
    assert export_files.export_state(export) == "ready"
    assert export.error == ""
    assert export.rendered_at >= export.requested_at
    assert export.file.name.startswith("registrations/exports/cluster_list-")
    with export.file.open("rb") as handle:
        rows = _rows(load_workbook(handle).active)
    assert _find(rows, "DANH SÁCH ĐĂNG KÝ THI ĐUA NĂM 2020")


def test_asking_again_reuses_the_export_and_replaces_its_file(
    exported, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = exports.export_request(window=exported.window, fmt="pdf")
    first.refresh_from_db()
    old = media / first.file.name
    assert old.is_file()
    with django_capture_on_commit_callbacks(execute=True):
        again = exports.export_request(window=exported.window, fmt="pdf")
    again.refresh_from_db()
    assert again.pk == first.pk
    assert ExportFile.objects.count() == 1
    assert again.file.name != first.file.name
    assert (media / again.file.name).read_bytes().startswith(b"%PDF")
    assert not old.exists()


def test_a_failing_rendering_stores_a_vietnamese_error(
    exported, media, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        export = exports.export_request(
            window=exported.window, fmt="xlsx", cluster_list=exported.cluster_list
        )
    export.refresh_from_db()
    kept = export.file.name

    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(exports, "cluster_list_xlsx", broken)
    with django_capture_on_commit_callbacks(execute=True):
        exports.export_request(
            window=exported.window, fmt="xlsx", cluster_list=exported.cluster_list
        )
    export.refresh_from_db()
    assert export.error == export_files.RENDER_FAILED["xlsx"]
    assert export.error.startswith("Không tạo được tệp Excel")
    assert export_files.export_state(export) == "failed"
    assert export.file.name == kept  # the previous file stays downloadable
    [state, _pdf] = exports.export_states(
        window=exported.window, cluster_list=exported.cluster_list
    )
    assert state.state == "failed"
    assert state.error == export.error
    assert state.has_file


def test_the_task_skips_a_deleted_export(db, media):
    render_export_task(123456)  # no error


def test_a_broker_that_cannot_be_reached_fails_the_export(
    exported, monkeypatch, django_capture_on_commit_callbacks
):
    def unreachable(*args, **kwargs):
        raise ConnectionError("no broker")

    monkeypatch.setattr(render_export_task, "delay", unreachable)
    with django_capture_on_commit_callbacks(execute=True):
        export = exports.export_request(window=exported.window, fmt="xlsx")
    export.refresh_from_db()
    assert export_files.export_state(export) == "failed"
    assert export.error == export_files.QUEUE_FAILED


def test_an_export_never_picked_up_fails_after_a_while(exported):
    export = exports.export_request(window=exported.window, fmt="xlsx")  # not committed: queued
    assert export_files.export_state(export) == "rendering"
    later = timezone.now() + export_files.STUCK_AFTER + datetime.timedelta(minutes=1)
    assert export_files.export_state(export, now=later) == "failed"
    assert export_files.export_error(export, now=later) == export_files.STUCK


def test_an_older_rendering_finishing_late_does_not_replace_a_newer_one(
    exported, media, django_capture_on_commit_callbacks
):
    export = exports.export_request(window=exported.window, fmt="xlsx")
    newer = timezone.now() + datetime.timedelta(minutes=1)
    ExportFile.objects.filter(pk=export.pk).update(
        file="registrations/exports/newer.xlsx", rendered_at=newer
    )
    with django_capture_on_commit_callbacks(execute=True):
        export_files.export_store(export=export)
    export.refresh_from_db()
    assert export.file.name == "registrations/exports/newer.xlsx"
    assert not list((media / "registrations" / "exports").glob("overview-*"))


def test_export_states_before_and_after_a_request(
    exported, media, django_capture_on_commit_callbacks
):
    states = exports.export_states(window=exported.window)
    assert [(s.format, s.state, s.status_url) for s in states] == [
        ("xlsx", "none", ""),
        ("pdf", "none", ""),
    ]
    assert states[0].request_url == f"/registrations/windows/{exported.window.pk}/export/xlsx/"
    with django_capture_on_commit_callbacks(execute=True):
        export = exports.export_request(window=exported.window, fmt="pdf")
    xlsx, pdf = exports.export_states(window=exported.window)
    assert xlsx.state == "none"
    assert pdf.state == "ready"
    assert pdf.export.pk == export.pk
    assert pdf.has_file
    assert pdf.download_url == f"/registrations/exports/{export.pk}/download/"
    # The list's exports are apart from the overview's.
    assert {
        s.state
        for s in exports.export_states(window=exported.window, cluster_list=exported.cluster_list)
    } == {"none"}


def test_a_list_of_another_window_is_refused(exported):
    with pytest.raises(ValueError, match="format"):
        exports.export_request(window=exported.window, fmt="docx")
    other = ClusterList(pk=exported.cluster_list.pk, window_id=exported.window.pk + 1)
    with pytest.raises(ValueError, match="another window"):
        exports.export_request(window=exported.window, fmt="xlsx", cluster_list=other)
