"""The official PDF of a plan (plans/pdf.py) and the services that render and store it.

The Sơn Tây 2020 sample is imported with the real importer and rendered once per module; the
service tests render a small plan into a temporary MEDIA_ROOT.
"""

import datetime
import io
import logging
import re
import shutil
import subprocess
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.db import transaction
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from common import pdf as common_pdf
from common.data_version import replace_version
from organizations.models import Unit
from plans import pdf
from plans.models import Plan, PlanSection, ScheduleTask
from plans.parsing import parse_plan_text, read_document
from plans.pdf import BLANK, place_date, render_plan_pdf
from plans.services import PDF_RENDER_FAILED, plan_pdf_request, plan_pdf_store, plan_save
from tests.conftest import require_service
from tests.factories import UnitFactory

SON_TAY = settings.SAMPLE_PLANS_DIR / "son-tay-2020.txt"
ARTIFACTS = settings.BASE_DIR / "test-artifacts" / "pdf"
TOP_MARGIN_PT = 20 / 25.4 * 72  # 20 mm in PDF points
SCHEDULE_HEADER = (
    "TT Nội dung thực hiện Chỉ đạo, chủ trì Đơn vị thực hiện Đơn vị phối hợp Thời gian thực hiện"
)


def _squash(text: str) -> str:
    """Whitespace (line breaks of wrapped lines, non-breaking spaces) as single spaces."""
    return re.sub(r"\s+", " ", text).strip()


def _top_margin_texts(page) -> list[str]:
    """Texts drawn in the page's top margin (where the page number goes)."""
    top = float(page.mediabox.height) - TOP_MARGIN_PT
    found = []

    def visit(text, cm, tm, font_dict, font_size):
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if text.strip() and y > top:
            found.append(text.strip())

    page.extract_text(visitor_text=visit)
    return found


def _pdf_text(content: bytes) -> list[str]:
    return [_squash(page.extract_text()) for page in PdfReader(io.BytesIO(content)).pages]


@dataclass(frozen=True)
class Rendered:
    content: bytes
    reader: PdfReader
    pages: list[str]  # each page's text, whitespace squashed
    schedule: list[str]  # the content of every schedule row, in order
    logged: list[str]  # WeasyPrint's warnings and errors (unsupported CSS, missing glyphs…)


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@pytest.fixture(scope="module")
def son_tay(django_db_setup, django_db_blocker) -> Rendered:
    """The Sơn Tây 2020 sample imported with the real importer and rendered once; the
    database changes are rolled back."""
    collect, weasyprint_logger = _Collect(), logging.getLogger("weasyprint")
    weasyprint_logger.addHandler(collect)
    try:
        with django_db_blocker.unblock(), transaction.atomic():
            text = read_document(SON_TAY)
            unit = UnitFactory(name="Thị xã Sơn Tây", kind=Unit.Kind.DISTRICT)
            data = parse_plan_text(text).to_json()
            plan = plan_save(data=data, unit=unit, user=None, source_text=text).plan
            content = render_plan_pdf(plan)
            schedule = list(plan.schedule_tasks.order_by("order").values_list("content", flat=True))
            transaction.set_rollback(True)
    finally:
        weasyprint_logger.removeHandler(collect)
    reader = PdfReader(io.BytesIO(content))
    pages = [_squash(page.extract_text()) for page in reader.pages]
    return Rendered(content, reader, pages, schedule, collect.messages)


def _small_plan(**fields) -> Plan:
    values = {
        "issuing_unit": UnitFactory(name="Phường Phú Lãm"),
        "issuer": "Hội đồng Thi đua - Khen thưởng phường Phú Lãm",
        "place": "Phú Lãm",
        "issue_month": "2021-12",
        "year": 2022,
        "title": "Công tác Thi đua, Khen thưởng năm 2022",
        "signer_name": "Nguyễn Thị Thịnh",
        "signer_title": "CHỦ TỊCH",
        "recipients": ["HĐTĐKT quận Hà Đông", "Lưu VT"],
    }
    plan = Plan.objects.create(**(values | fields))
    PlanSection.objects.create(plan=plan, order=1, level=1, heading="I. MỤC ĐÍCH", text="")
    PlanSection.objects.create(
        plan=plan, order=2, level=2, heading="Phát động thi đua", text="Phát động thi đua."
    )
    return plan


# --- The Sơn Tây sample ------------------------------------------------------------------------


def test_render_plan_pdf_son_tay_logs_no_warnings(son_tay):
    assert son_tay.logged == []


def test_render_plan_pdf_son_tay_page_count(son_tay):
    # 13 pages: the body (80 sections at 14 pt, justified, plus "Nơi nhận" and the signature,
    # which are kept together) fills 10 portrait pages; the 28 schedule rows under 4 quarter
    # rows fill 3 landscape pages at 11 pt, since a row is never split across pages.
    # Changing the font size, margins or column widths changes this count.
    sizes = [(round(p.mediabox.width), round(p.mediabox.height)) for p in son_tay.reader.pages]
    assert sizes == [(595, 842)] * 10 + [(842, 595)] * 3


def test_render_plan_pdf_son_tay_header(son_tay):
    first = son_tay.pages[0]
    for expected in (
        "UBND THỊ XÃ SON TÂY",
        "HỘI ĐÔNG THỊ ĐUA-KHEN THƯỞNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 06/KH-HĐTĐKT",
        "Son Tây, ngày 03 tháng 01 năm 2020",
        "KẾ HOẠCH Công tác thi đua, khen thưởng năm 2020",
        "I. MỤC ĐÍCH, YÊU CẦU 1. Mục đích: - Đổi mới và đẩy mạnh các phong trào thi đua",
    ):
        assert expected in first


def test_render_plan_pdf_son_tay_body_items(son_tay):
    text = " ".join(son_tay.pages)
    # "+" items are one level below "-" items; each item is printed once.
    assert "+ Thi đua “An toàn thực phẩm”: Tăng cường giải pháp" in text
    assert text.count("Thi đua “An toàn thực phẩm”: Tăng cường giải pháp") == 1
    assert "- Đăng ký thi đua hoàn thành trước ngày 28/02/2020; Lưu ý: Tập thể" in text


def test_render_plan_pdf_son_tay_closing_on_one_page(son_tay):
    closing = son_tay.pages[9]
    for expected in (
        "Nơi nhận: - Ban TĐKT- Sở Nội vụ TP; - Thường trực Thị uỷ, HĐND, TX;",
        "- Các đơn vị thuộc thị xã; - Lưu: VT, NV, T,30b.",
        "TM. HỘI ĐỒNG CHỦ TỊCH",
        "Nguyễn Huy Khánh",
    ):
        assert expected in closing
    assert not any("Nơi nhận" in page for page in son_tay.pages[:9] + son_tay.pages[10:])


def test_render_plan_pdf_son_tay_appendix(son_tay):
    appendix = son_tay.pages[10:]
    assert (
        "PHỤ LỤC Tiến độ thực hiện công tác thi đua, khen thưởng năm 2020 "
        "(Kèm theo Kế hoạch số 06/KH-HĐTĐKT ngày 03/01/2020 của HỘI ĐÔNG THỊ ĐUA-KHEN THƯỞNG)"
    ) in appendix[0]
    # The header row is repeated on every page of the table.
    assert [SCHEDULE_HEADER in page for page in appendix] == [True, True, True]
    text = " ".join(appendix)
    quarters = [text.index(f"{roman} Quý {roman} ") for roman in ("I", "II", "III", "IV")]
    assert quarters == sorted(quarters)
    assert "Trước ngày 10/01/2020" in text
    assert "(Đơn vị gửi hồ sơ trước 20/7/2020)" in text


def test_render_plan_pdf_son_tay_every_schedule_row(son_tay):
    assert len(son_tay.schedule) == 28
    # Cells wrap, also right after a hyphen ("346/KH-" / "HĐTDKT"), so the whole content of
    # every row is compared with all whitespace removed.
    text = re.sub(r"\s+", "", " ".join(son_tay.pages[10:]))
    rows = [re.sub(r"\s+", "", content) for content in son_tay.schedule]
    assert [row for row in rows if row not in text] == []
    positions = [text.index(row) for row in rows]
    assert positions == sorted(positions)


def test_render_plan_pdf_son_tay_embeds_the_shipped_fonts(son_tay):
    fonts = {}
    for page in son_tay.reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            data = descriptor.get_object()["/FontFile2"].get_object().get_data()
            fonts[font["/BaseFont"].split("+", 1)[1]] = TTFont(io.BytesIO(data))
    # The family name exists only in the template's @font-face rules: no system font matches.
    assert sorted(fonts) == [
        "Liberation-Serif-Shipped",
        "Liberation-Serif-Shipped-Bold",
        "Liberation-Serif-Shipped-Bold-Italic",
        "Liberation-Serif-Shipped-Italic",
    ]
    shipped = {
        name: TTFont(common_pdf.FONT_DIR / file)
        for name, file in zip(
            ("", "-Bold", "-Italic", "-Bold-Italic"), common_pdf.FONT_FILES.values(), strict=True
        )
    }
    for suffix, original in shipped.items():
        embedded = fonts[f"Liberation-Serif-Shipped{suffix}"]["name"]
        assert embedded.getDebugName(4) == original["name"].getDebugName(4)  # full name
        assert embedded.getDebugName(5) == original["name"].getDebugName(5) == "Version 2.1.5"


def test_render_plan_pdf_son_tay_page_numbers_from_page_2(son_tay):
    numbers = [_top_margin_texts(page) for page in son_tay.reader.pages]
    assert numbers == [[]] + [[str(n)] for n in range(2, 14)]


def test_render_plan_pdf_son_tay_page_1_png(son_tay):
    pdftoppm = shutil.which("pdftoppm")
    require_service("pdftoppm", pdftoppm is not None, "install poppler-utils")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf_path = ARTIFACTS / "son-tay-2020.pdf"
    pdf_path.write_bytes(son_tay.content)
    png = ARTIFACTS / "son-tay-2020-page1.png"
    png.unlink(missing_ok=True)
    subprocess.run(  # noqa: S603 - fixed arguments
        [
            pdftoppm,
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            pdf_path,
            png.with_suffix(""),
        ],
        check=True,
        timeout=60,
    )
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 30_000


# --- Other plans --------------------------------------------------------------------------------


def test_render_plan_pdf_month_only_leaves_day_blank(db):
    pages = _pdf_text(render_plan_pdf(_small_plan()))
    # No number and no day: both are left blank, nothing is invented.
    assert "Số: Phú Lãm, ngày tháng 12 năm 2021" in pages[0]
    assert re.search(r"ngày \d", pages[0]) is None
    assert "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG PHƯỜNG PHÚ LÃM" in pages[0]
    assert "Nơi nhận: - HĐTĐKT quận Hà Đông; - Lưu VT." in pages[-1]


def test_render_plan_pdf_without_schedule_has_no_appendix(db):
    content = render_plan_pdf(_small_plan())
    pages = _pdf_text(content)
    assert len(pages) == 1
    assert "PHỤ LỤC" not in pages[0]
    assert (
        "KẾ HOẠCH Công tác Thi đua, Khen thưởng năm 2022 I. MỤC ĐÍCH - Phát động thi đua."
        in (pages[0])
    )


def test_render_plan_pdf_escapes_markup(db):
    plan = _small_plan(title="Kế hoạch <b>thử</b> & <img src='file:///etc/passwd'>")
    ScheduleTask.objects.create(plan=plan, order=1, quarter=2, content="<i>Tổng kết</i>")
    pages = _pdf_text(render_plan_pdf(plan))
    assert "Kế hoạch <b>thử</b> & <img src='file:///etc/passwd'>" in pages[0]
    assert "II Quý II 1 <i>Tổng kết</i>" in pages[1]


def _page_sizes(content: bytes) -> list[tuple[int, int]]:
    pages = PdfReader(io.BytesIO(content)).pages
    return [(round(p.mediabox.width), round(p.mediabox.height)) for p in pages]


def test_render_plan_pdf_applies_an_edited_stylesheet(db, tmp_path, monkeypatch):
    # Stylesheets are parsed once per thread and reused until the file changes.
    css = tmp_path / "plan-pdf.css"
    monkeypatch.setattr(pdf, "CSS_FILE", css)
    plan = _small_plan()
    css.write_text("@page { size: A5 }")
    assert _page_sizes(render_plan_pdf(plan)) == [(420, 595)]
    assert _page_sizes(render_plan_pdf(plan)) == [(420, 595)]
    css.write_text("@page { size: A4 landscape }")
    assert _page_sizes(render_plan_pdf(plan)) == [(842, 595)]


@pytest.mark.parametrize(
    "rule",
    [
        '@import url("file:///etc/hostname");',
        'body { background: url("file:///etc/hostname") }',
        '@font-face { font-family: X; src: url("https://example.com/x.ttf") }',
    ],
)
def test_render_plan_pdf_refuses_any_other_resource(db, tmp_path, monkeypatch, rule):
    css = tmp_path / "plan-pdf.css"
    css.write_text(rule + "\n" + pdf.CSS_FILE.read_text())
    monkeypatch.setattr(pdf, "CSS_FILE", css)
    with pytest.raises(OSError, match="cannot be loaded"):
        render_plan_pdf(_small_plan())


@pytest.mark.parametrize(
    ("issue_date", "expected"),
    [
        (datetime.date(2020, 1, 3), "Sơn Tây, ngày 03 tháng 01 năm 2020"),
        (datetime.date(2020, 2, 29), "Sơn Tây, ngày 29 tháng 02 năm 2020"),
        (datetime.date(2020, 3, 5), "Sơn Tây, ngày 05 tháng 3 năm 2020"),
        (datetime.date(2021, 12, 10), "Sơn Tây, ngày 10 tháng 12 năm 2021"),
    ],
)
def test_place_date_leading_zeros_per_decree_30(issue_date, expected):
    assert place_date(Plan(place="Sơn Tây", issue_date=issue_date)) == expected


def test_place_date_month_only_leaves_day_blank():
    plan = Plan(place="Phú Lãm", issue_month="2021-12")
    assert place_date(plan) == f"Phú Lãm, ngày {BLANK} tháng 12 năm 2021"


def test_place_date_without_place_or_date():
    assert place_date(Plan(issue_date=datetime.date(2020, 1, 3))) == "Ngày 03 tháng 01 năm 2020"
    assert place_date(Plan(place="Sơn Tây")) == "Sơn Tây"
    assert place_date(Plan()) == ""


# --- Services -----------------------------------------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _rendering(callbacks: list) -> list:
    """The on-commit callbacks but the data version's (common/data_version.py)."""
    return [callback for callback in callbacks if callback is not replace_version]


def test_plan_pdf_request_renders_after_commit(db, media, django_capture_on_commit_callbacks):
    plan = _small_plan()
    updated_at = plan.updated_at
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        plan_pdf_request(plan=plan)
    assert len(_rendering(callbacks)) == 1
    plan.refresh_from_db()
    assert re.fullmatch(rf"plans/pdf/plan-{plan.pk}-\d{{14}}\.pdf", plan.pdf_file.name)
    assert (media / plan.pdf_file.name).read_bytes()[:5] == b"%PDF-"
    assert plan.pdf_requested_at <= plan.pdf_rendered_at
    assert plan.pdf_error == ""
    assert plan.updated_at == updated_at
    assert plan.pdf_is_current is True
    assert plan.pdf_is_rendering is False


def test_plan_pdf_request_marks_rendering_until_commit(
    db, media, django_capture_on_commit_callbacks
):
    plan = _small_plan(pdf_error="Lỗi cũ")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        plan_pdf_request(plan=plan)
    plan.refresh_from_db()
    assert len(_rendering(callbacks)) == 1
    assert plan.pdf_error == ""
    assert plan.pdf_is_rendering is True
    assert plan.pdf_file.name == ""


def test_plan_pdf_edit_makes_pdf_stale(db, media, django_capture_on_commit_callbacks):
    plan = _small_plan()
    with django_capture_on_commit_callbacks(execute=True):
        plan_pdf_request(plan=plan)
    plan.refresh_from_db()
    assert plan.pdf_is_current is True
    plan.title = "Công tác Thi đua, Khen thưởng năm 2022 (sửa đổi)"
    plan.save()
    plan.refresh_from_db()
    assert plan.pdf_is_current is False
    assert plan.pdf_is_rendering is False


def test_plan_pdf_store_replaces_previous_file(db, media):
    plan = _small_plan()
    plan_pdf_store(plan=plan)
    first = plan.pdf_file.name
    plan_pdf_store(plan=plan)
    plan.refresh_from_db()
    assert plan.pdf_file.name != first
    assert not (media / first).exists()
    assert (media / plan.pdf_file.name).exists()
    assert sorted(p.name for p in (media / "plans" / "pdf").iterdir()) == [
        plan.pdf_file.name.rsplit("/", 1)[1]
    ]


def test_plan_pdf_render_failure_keeps_previous_pdf(
    db, media, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    plan = _small_plan()
    plan_pdf_store(plan=plan)
    plan.refresh_from_db()
    previous, rendered_at = plan.pdf_file.name, plan.pdf_rendered_at

    def weasyprint_fails(plan):
        raise OSError("cairo: out of memory")

    monkeypatch.setattr(pdf, "render_plan_pdf", weasyprint_fails)
    with django_capture_on_commit_callbacks(execute=True):
        plan_pdf_request(plan=plan)
    plan.refresh_from_db()
    assert plan.pdf_error == PDF_RENDER_FAILED
    assert plan.pdf_error.startswith("Không tạo được bản PDF của kế hoạch.")
    assert plan.pdf_file.name == previous
    assert (media / previous).exists()
    assert plan.pdf_rendered_at == rendered_at
    assert plan.pdf_is_rendering is False
    assert plan.pdf_is_current is True  # the plan itself did not change
    assert [r.getMessage() for r in caplog.records if r.name == "plans.services"] == [
        f"Rendering the PDF of plan {plan.pk} failed"
    ]
