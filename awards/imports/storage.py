"""Keeping an uploaded file between the preview and the confirmation.

The upload is stored under ``MEDIA_ROOT/awards/imports/<user id>/<random token>.xlsx`` (never
under the user's file name), with the rows read from it beside it as ``<token>.json``, so that
the preview and the confirmation need not parse the workbook again (parsing is the slow part
of a 20,000-row import). The session holds the tokens of the user's pending imports with the
original file name, at most ``MAX_PENDING`` (older ones and their files are dropped): a token
not in the session is not found. The confirmation checks the rows against the database again,
as it is then, while it holds the rows file (``pending_import_claim``) so that a second
confirmation of the same upload (a double click) cannot save it twice. Both files are deleted
once the import is saved; a summary of each finished import stays in the session for the
result page. The claim renames a file: it needs a storage with local paths (the project's
``FileSystemStorage``).
"""

import datetime
import json
import os
import secrets
from contextlib import contextmanager

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from awards.imports.reading import SheetRow, WorkbookRows

PENDING_KEY = "awards_history_imports"
DONE_KEY = "awards_history_imports_done"
MAX_PENDING = 5
MAX_DONE = 5


class PendingImportMissing(LookupError):
    """No pending import with that token in this session (or its files are gone)."""


def _path(user, token: str, suffix: str) -> str:
    return f"awards/imports/{user.pk}/{token}.{suffix}"


def _delete(user, token: str) -> None:
    for suffix in ("xlsx", "json"):
        default_storage.delete(_path(user, token, suffix))


def _encode(value: object) -> object:
    if isinstance(value, datetime.datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"date": value.isoformat()}
    if value is None or isinstance(value, str | int | float):
        return value
    return str(value)  # a time or a duration: no column takes one, the message shows it


def _decode(value: object) -> object:
    if isinstance(value, dict):
        if "datetime" in value:
            return datetime.datetime.fromisoformat(value["datetime"])
        return datetime.date.fromisoformat(value["date"])
    return value


def _rows_json(rows: WorkbookRows) -> bytes:
    sheets = {
        "grants": rows.grants,
        "ratings": rows.ratings,
    }
    return json.dumps(
        {
            name: [
                [row.sheet, row.row, {k: _encode(v) for k, v in row.values.items()}]
                for row in sheet_rows
            ]
            for name, sheet_rows in sheets.items()
        },
        ensure_ascii=False,
    ).encode()


def _rows_from_json(data: bytes) -> WorkbookRows:
    loaded = json.loads(data)
    return WorkbookRows(
        **{
            name: [
                SheetRow(sheet=sheet, row=row, values={k: _decode(v) for k, v in values.items()})
                for sheet, row, values in loaded[name]
            ]
            for name in ("grants", "ratings")
        }
    )


def pending_import_store(*, session, user, data: bytes, rows: WorkbookRows, file_name: str) -> str:
    """Store the upload ``data`` and its ``rows`` for ``user``; return the token that names
    them in this session."""
    token = secrets.token_hex(16)
    default_storage.save(_path(user, token, "xlsx"), ContentFile(data))
    default_storage.save(_path(user, token, "json"), ContentFile(_rows_json(rows)))
    pending = dict(session.get(PENDING_KEY, {}))
    pending[token] = {"name": file_name[:255]}
    while len(pending) > MAX_PENDING:
        oldest = next(iter(pending))
        _delete(user, oldest)
        del pending[oldest]
    session[PENDING_KEY] = pending
    return token


def pending_import_open(*, session, user, token: str) -> tuple[WorkbookRows, str]:
    """The rows of the stored upload and its original file name; raises
    ``PendingImportMissing``."""
    entry = session.get(PENDING_KEY, {}).get(token)
    path = _path(user, token, "json")
    if entry is None or not default_storage.exists(path):
        raise PendingImportMissing(token)
    with default_storage.open(path, "rb") as handle:
        return _rows_from_json(handle.read()), entry["name"]


@contextmanager
def pending_import_claim(*, user, token: str):
    """Hold the pending import while it is saved: a concurrent claim, or one after a successful
    save, raises ``PendingImportMissing``. When the block raises, the import is released."""
    path = default_storage.path(_path(user, token, "json"))
    claimed = f"{path}.saving"
    try:
        os.rename(path, claimed)
    except FileNotFoundError:
        raise PendingImportMissing(token) from None
    try:
        yield
    except BaseException:
        os.rename(claimed, path)
        raise
    os.remove(claimed)


def pending_import_finish(*, session, user, token: str, summary: dict) -> None:
    """Forget the pending import, delete its files and keep ``summary`` for the result page."""
    pending = dict(session.get(PENDING_KEY, {}))
    pending.pop(token, None)
    session[PENDING_KEY] = pending
    _delete(user, token)
    done = dict(session.get(DONE_KEY, {}))
    done[token] = summary
    while len(done) > MAX_DONE:
        del done[next(iter(done))]
    session[DONE_KEY] = done


def finished_import(*, session, token: str) -> dict:
    """The summary of a finished import; raises ``PendingImportMissing``."""
    try:
        return session.get(DONE_KEY, {})[token]
    except KeyError:
        raise PendingImportMissing(token) from None
