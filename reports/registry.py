"""The exporters: every kind of file a user can ask for in the background.

An app describes each of its exports once, as an ``Exporter``, and registers it at import time
from its module listed in ``reports/exporters.py``. The job machinery (reports/services.py)
knows nothing else about them: it asks the exporter whether the user may have the file
(``authorize``), what to call it (``title``, ``filename``) and to write it (``render``).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO, Protocol

from django.utils.functional import Promise

XLSX, CSV, PDF = "xlsx", "csv", "pdf"
TABULAR_FORMATS = (XLSX, CSV, PDF)
CONTENT_TYPES = {
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    CSV: "text/csv; charset=utf-8",
    PDF: "application/pdf",
}


class Progress(Protocol):
    """Told how far a rendering is: ``progress(done, total)``, rows or pages; ``total`` None
    when not known. Cheap to call often: it writes to the database at most every few
    hundred rows."""

    def __call__(self, done: int, total: int | None = None) -> None: ...


@dataclass(frozen=True)
class Exporter:
    """One kind of export.

    - ``kind``: its key in URLs and in ``ExportJob.kind`` ("grants", "summary", "form_0601").
    - ``label``: what it is, for people (lazy translation).
    - ``formats``: the formats it can write ("xlsx", "csv", "pdf").
    - ``authorize(user, params)``: returns the cleaned parameters (a JSON-able dict) when the
      user may have this export with these parameters; raises ``Http404`` when an object named
      in them is not visible to the user, ``PermissionDenied`` when it is visible but the user
      may not export it, ``ValidationError`` (Vietnamese message) when the parameters are
      invalid. Called when the job is asked for and again when the worker renders it.
    - ``title(params)``: the job's title in the user's language ("Danh sách khen thưởng năm
      2020").
    - ``filename(params, fmt)``: the download name, ASCII ("danh-sach-khen-thuong-2020.xlsx").
    - ``render(user=, params=, fmt=, out=, progress=)``: writes the file into ``out`` (a binary
      file open for writing) and calls ``progress`` as it goes. Raises ``ReportTooLarge`` when
      the file would be too large for the format (a Vietnamese message), anything else on a
      failure (logged, the job fails with a generic message).
    """

    kind: str
    label: str | Promise
    formats: tuple[str, ...]
    authorize: Callable[..., dict]
    title: Callable[[dict], str]
    filename: Callable[[dict, str], str]
    render: Callable[..., None]


class ReportTooLarge(Exception):
    """The export cannot be written in this format (a PDF of 100,000 rows); ``str(error)``
    says so in Vietnamese and what to do instead."""


_EXPORTERS: dict[str, Exporter] = {}


def register(exporter: Exporter) -> Exporter:
    """Add ``exporter``; raises ``ValueError`` if another one has its kind."""
    existing = _EXPORTERS.get(exporter.kind)
    if existing is not None and existing is not exporter:
        raise ValueError(f"Two exporters of kind {exporter.kind!r}")
    _EXPORTERS[exporter.kind] = exporter
    return exporter


def unregister(kind: str) -> None:
    """Remove the exporter of ``kind`` (tests that register their own); unknown kinds are
    ignored."""
    _EXPORTERS.pop(kind, None)


def exporter_of(kind: str) -> Exporter | None:
    """The exporter of ``kind``, None for an unknown kind."""
    return _EXPORTERS.get(kind)


def all_exporters() -> list[Exporter]:
    """Every registered exporter, by kind."""
    return [_EXPORTERS[kind] for kind in sorted(_EXPORTERS)]


Writer = Callable[[BinaryIO], None]
