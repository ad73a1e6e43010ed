"""Exports of registrations: the cluster leader's consolidated list and the secretariat's overview
of a window, as Excel (.xlsx) and PDF in the official layout (Decree 30/2020: issuing bodies,
national title and motto, place and date, title, table, signature block).

- ``cluster_list_xlsx``, ``cluster_list_pdf``, ``overview_xlsx``, ``overview_pdf``: the bytes of
  a file, rendered now (layout.py says what the documents hold; xlsx.py and pdf.py lay it out).
- ``export_request``, ``export_store``, ``export_state``: an ``ExportFile`` asked for by a user
  and rendered by Celery (registrations/tasks.py); files.py.
- ``export_states``: what ``templates/registrations/_exports.html`` shows on the overview and
  cluster list pages.

Importing this package loads neither openpyxl nor WeasyPrint: they are loaded when a file is
written.
"""

import datetime

from registrations.exports.files import (
    ExportState,
    export_request,
    export_state,
    export_states,
    export_store,
)
from registrations.exports.layout import cluster_list_document, overview_document
from registrations.models import ClusterList, RegistrationWindow

__all__ = [
    "ExportState",
    "cluster_list_pdf",
    "cluster_list_xlsx",
    "export_request",
    "export_state",
    "export_states",
    "export_store",
    "overview_pdf",
    "overview_xlsx",
]


def cluster_list_xlsx(*, cluster_list: ClusterList, today: datetime.date | None = None) -> bytes:
    """The consolidated list as .xlsx bytes, dated ``today`` (default: today); one sheet
    "Danh sách đăng ký". Two queries."""
    from registrations.exports.xlsx import document_xlsx

    return document_xlsx(cluster_list_document(cluster_list=cluster_list, today=today))


def cluster_list_pdf(*, cluster_list: ClusterList, today: datetime.date | None = None) -> bytes:
    """The consolidated list as an A4 landscape PDF (bytes), dated ``today``. Raises what
    ``common.pdf.render_pdf`` raises."""
    from registrations.exports.pdf import document_pdf

    return document_pdf(cluster_list_document(cluster_list=cluster_list, today=today))


def overview_xlsx(*, window: RegistrationWindow, today: datetime.date | None = None) -> bytes:
    """The window's overview as .xlsx bytes, dated ``today``; sheets "Tổng hợp" (counts, per
    cluster, per award), "Theo đơn vị" and "Chưa đăng ký". Seven queries."""
    from registrations.exports.xlsx import document_xlsx

    return document_xlsx(overview_document(window=window, today=today))


def overview_pdf(*, window: RegistrationWindow, today: datetime.date | None = None) -> bytes:
    """The window's overview as an A4 landscape PDF (bytes), dated ``today``. Raises what
    ``common.pdf.render_pdf`` raises."""
    from registrations.exports.pdf import document_pdf

    return document_pdf(overview_document(window=window, today=today))
