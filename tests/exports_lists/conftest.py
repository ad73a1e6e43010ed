"""Fixtures and helpers for the list exports (kinds grants, people, units, registrations,
dossiers): the rows a report holds, the rows a list page shows over all its pages, and a
workbook read back."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards import exporters as grant_exports
from dossiers import exporters as dossier_exports
from organizations import exporters as organization_exports
from registrations import exporters as registration_exports
from reports.registry import exporter_of
from reports.tabular import Report
from reports.writers import write_report

BUILDERS = {
    "grants": grant_exports.build_report,
    "people": organization_exports.people_report,
    "units": organization_exports.units_report,
    "registrations": registration_exports.build_report,
    "dossiers": dossier_exports.build_report,
}


@pytest.fixture(autouse=True)
def _catalog(award_catalog) -> None:
    """Every test runs with the national award catalog (tests/conftest.py)."""


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Export files go to a fresh directory per test."""
    settings.MEDIA_ROOT = tmp_path / "media"


def report_of(kind: str, user, params: dict | None = None) -> Report:
    """The exporter's Report for ``user`` and ``params``, checked by ``authorize`` first as the
    job machinery does."""
    cleaned = exporter_of(kind).authorize(user, params or {})
    return BUILDERS[kind](user=user, params=cleaned)


def rows_of(report: Report, sheet: int = 0) -> list[tuple]:
    """Every row of a sheet of ``report``, as the writers get them."""
    return [tuple(row) for row in report.sheets[sheet].rows()]


def rendered(kind: str, user, params: dict, fmt: str) -> bytes:
    """The file the exporter renders (authorized first)."""
    exporter = exporter_of(kind)
    out = io.BytesIO()
    exporter.render(
        user=user, params=exporter.authorize(user, params), fmt=fmt, out=out, progress=None
    )
    return out.getvalue()


def workbook_of(content: bytes):
    """An .xlsx read back with openpyxl."""
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(content), read_only=True)


def listed(client, url: str, params: dict | None = None) -> list:
    """Every object a paginated list page shows for ``params``, over all its pages (the
    ``page`` in its context)."""
    objects, number = [], 1
    while True:
        response = client.get(url, {**(params or {}), "page": number})
        assert response.status_code == 200
        page = response.context["page"]
        objects += list(page.object_list)
        if not page.has_next():
            return objects
        number += 1


def queries(client, url: str, params: dict | None = None) -> int:
    """Queries a GET of the page runs."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params or {}).status_code == 200
    return len(captured)


def write(report: Report, fmt: str) -> bytes:
    """``report`` written in ``fmt``."""
    out = io.BytesIO()
    write_report(report, fmt, out, None)
    return out.getvalue()
