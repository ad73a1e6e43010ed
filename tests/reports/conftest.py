"""Fixtures of the reports tests: a small test-only exporter, registered for one test and
removed after it, and a private media folder."""

import datetime
from dataclasses import dataclass, field

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from reports import registry
from reports.registry import CSV, PDF, XLSX, Exporter
from reports.tabular import Column, Report, Sheet
from reports.writers import write_report

FORMULA = '=HYPERLINK("http://x","bấm")'
COLUMNS = (
    Column("STT", 6, "center"),
    Column("Họ và tên", 30),
    Column("Ngày quyết định", 14, "center"),
    Column("Số tiền", 12, "right"),
)


def sample_rows(count: int):
    """``count`` rows: a number, a name (the second one a formula), a date, an amount."""
    for number in range(1, count + 1):
        name = FORMULA if number == 2 else f"Nguyễn Văn {number}"
        yield (number, name, datetime.date(2020, 1, 1 + number % 28), number * 1000)


def sample_report(rows: int = 5, *, year: int = 2020) -> Report:
    """A one-sheet report of ``rows`` rows with a total row."""
    return Report(
        title=f"DANH SÁCH THỬ NĂM {year}",
        subtitle="(Kèm theo Kế hoạch số 06/KH-HĐTĐKT)",
        parent_issuer="UBND THỊ XÃ SƠN TÂY",
        issuer="HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG",
        place_date="Sơn Tây, ngày 05 tháng 01 năm 2021",
        notes=("Danh sách gồm các cá nhân được đề nghị.",),
        signature=("TM. HỘI ĐỒNG", "CHỦ TỊCH"),
        sheets=[
            Sheet(
                name="Danh sách",
                columns=COLUMNS,
                rows=lambda: sample_rows(rows),
                count=rows,
                heading="I. CÁ NHÂN",
                total=("", "Tổng cộng", None, sum(n * 1000 for n in range(1, rows + 1))),
            )
        ],
    )


@dataclass
class SampleExporter:
    """The registered test exporter "test_people" and what it saw. Set ``rows``, ``error``
    (raised by ``render``) or ``deny`` ("404", "403", "invalid": ``authorize`` refuses) to
    change its behaviour."""

    exporter: Exporter
    rows: int = 5
    error: BaseException | None = None
    deny: str = ""
    authorized: list = field(default_factory=list)
    rendered: list = field(default_factory=list)


@pytest.fixture
def sample_exporter():
    """Register "test_people" (xlsx, csv, pdf) for the test; removed after it."""
    holder: SampleExporter

    def authorize(user, params):
        holder.authorized.append((user, dict(params)))
        deny = holder.deny or params.get("deny", "")
        if deny == "404":
            raise Http404
        if deny == "403":
            raise PermissionDenied
        year = str(params.get("year", "2020"))
        if deny == "invalid" or not year.isdigit():
            raise ValidationError("Năm không hợp lệ.")
        units = params.get("unit", [])
        return {"year": int(year), "unit": units if isinstance(units, list) else [units]}

    def render(*, user, params, fmt, out, progress):
        holder.rendered.append((user, params, fmt))
        if holder.error is not None:
            raise holder.error
        write_report(sample_report(holder.rows, year=params["year"]), fmt, out, progress)

    exporter = Exporter(
        kind="test_people",
        label="Test people",
        formats=(XLSX, CSV, PDF),
        authorize=authorize,
        title=lambda params: f"Danh sách thử năm {params['year']}",
        filename=lambda params, fmt: f"danh-sach-thu-{params['year']}.{fmt}",
        render=render,
    )
    holder = SampleExporter(exporter=exporter)
    registry.register(exporter)
    yield holder
    registry.unregister(exporter.kind)


@pytest.fixture
def media(settings, tmp_path):
    """Stored files go to a folder of this test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
