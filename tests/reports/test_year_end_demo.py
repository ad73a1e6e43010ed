"""Issue #9's acceptance, on the demo: the admin (``quantri``) exports the summary of the
sample year 2020 of Thị xã Sơn Tây in Excel, CSV and PDF through the export jobs, and prints
the certificates of the demo's 2020 decision, whose QR codes open the public verification page.

Everything goes through the pages a user clicks: the export buttons' POST, the job page, the
download; Celery runs the jobs in-process (no broker in tests).
"""

import csv
import io
import shutil
import subprocess
from urllib.parse import urlsplit

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from awards.models import AwardGrant
from certificates.demo import load_demo_certificates
from organizations.models import Council
from registrations.models import Registration, RegistrationEntry
from reports.models import ExportJob
from tests.conftest import require_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_end(demo_world, client):
    """The demo with its 2020 decision, and the admin logged in."""
    certificates = load_demo_certificates()
    client.force_login(get_user_model().objects.get(username="quantri"))
    council = Council.objects.get(unit__name="Thị xã Sơn Tây")
    return certificates, council


@pytest.fixture
def export(client, django_capture_on_commit_callbacks):
    """``export(kind, fmt, data)``: press the export button (the job is queued when the
    request's transaction commits), open the job's status, download the file."""

    def press(kind: str, fmt: str, data: dict) -> tuple[ExportJob, bytes]:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("reports:job_new", args=[kind, fmt]), data)
        return _downloaded(client, kind, fmt, response)

    return press


def _downloaded(client, kind: str, fmt: str, response) -> tuple[ExportJob, bytes]:
    assert response.status_code == 302
    job = ExportJob.objects.get(kind=kind, format=fmt)
    assert response["Location"] == reverse("reports:job_detail", args=[job.pk])
    status = client.get(reverse("reports:job_status", args=[job.pk])).json()
    assert (status["state"], status["error"]) == ("ready", "")
    download = client.get(status["download_url"])
    assert download.status_code == 200
    return job, b"".join(download.streaming_content)


def _lines_registered_2020(council: Council) -> int:
    """Lines of the 2020 registrations submitted or accepted in the council's windows."""
    return RegistrationEntry.objects.filter(
        registration__window__campaign__council=council,
        registration__window__campaign__year=2020,
        registration__status__in=[Registration.Status.SUBMITTED, Registration.Status.ACCEPTED],
    ).count()


def test_admin_exports_the_2020_summary_in_excel_csv_and_pdf(export, year_end):
    _certificates, council = year_end
    choice = {"year": "2020", "council": str(council.pk)}

    _job, xlsx = export("summary", "xlsx", choice)
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx), read_only=True)
    rows = list(workbook["Theo danh hiệu"].iter_rows(values_only=True))
    header = next(row for row in rows if row and row[0] == "STT")
    total = dict(zip(header, next(row for row in rows if row[1] == "Tổng cộng"), strict=True))
    granted = AwardGrant.objects.filter(
        year=2020, revoked=False, decision__number="58/QĐ-UBND"
    ).count()
    # Registered lines and grants of the year, totalled over every title and form.
    assert total["Tổng số đăng ký"] == _lines_registered_2020(council) == 9
    assert total["Được khen thưởng"] == granted == 5

    _job, text = export("summary", "csv", choice)
    assert text.startswith("\ufeff".encode())
    cells = [cell for row in csv.reader(io.StringIO(text.decode("utf-8-sig"))) for cell in row]
    assert "Tổng cộng" in cells

    _job, pdf = export("summary", "pdf", choice)
    words = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert pdf.startswith(b"%PDF")
    assert "2020" in words
    assert "SƠN TÂY" in words.upper()


def test_admin_prints_the_2020_certificates_and_their_qr_codes_verify(export, year_end, tmp_path):
    certificates, _council = year_end
    decision = certificates.decision
    grants = list(decision.grants.order_by("pk"))
    printable = [grant for grant in grants if not grant.revoked]

    _job, pdf = export("certificates", "pdf", {"decision": decision.pk, "mode": "full"})
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) == len(printable) == 5
    width, height = float(pages[0].mediabox.width), float(pages[0].mediabox.height)
    assert width > height  # A4 landscape

    require_service(
        "zbarimg and pdftoppm",
        bool(shutil.which("zbarimg") and shutil.which("pdftoppm")),
        "scripts/install-test-tools installs zbar-tools and poppler-utils",
    )
    (tmp_path / "certificates.pdf").write_bytes(pdf)
    subprocess.run(  # noqa: S603
        [
            *("pdftoppm", "-r", "120", "-png", "-f", "1", "-l", "1"),
            *(str(tmp_path / "certificates.pdf"), str(tmp_path / "page")),
        ],
        check=True,
    )
    decoded = subprocess.run(  # noqa: S603
        ["zbarimg", "--quiet", "--raw", *map(str, sorted(tmp_path.glob("page*.png")))],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert len(decoded) == 1

    # Anyone with a phone opens it: no login.
    page = Client().get(urlsplit(decoded[0]).path)
    assert page.status_code == 200
    body = page.content.decode()
    first = printable[0]
    assert str(first.recipient) in body
    assert decision.number in body
    assert f"{decision.date:%d/%m/%Y}" in body
