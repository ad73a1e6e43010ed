"""Keeping an uploaded file between the preview and the confirmation.

Each import keeps its uploads apart in its own ``UploadNamespace``: its session keys, its media
folder and its limit of pending uploads, so that a token of one import is unknown to the other
(a 404, never another import's rows). The upload is stored under
``MEDIA_ROOT/<folder>/<user id>/<random token>.xlsx`` (never under the user's file name), with
the rows read from it beside it as ``<token>.json``, so that the preview and the confirmation
need not parse the workbook again (parsing is the slow part of a 20,000-row import). The session
holds the tokens of the user's pending uploads with the original file name, at most
``max_pending`` per namespace (older ones and their files are dropped): a token not in the
session is not found. An upload may be bound to a ``scope`` (e.g. the registration it was
uploaded for): it is then found only with that scope.

The confirmation checks the rows against the database again, as it is then, while it holds the
rows file (``pending_import_claim``) so that a second confirmation of the same upload (a double
click) cannot save it twice. Both files are deleted once the import is saved; a summary of each
finished import stays in the session (``max_done`` per namespace) for the result page. The claim
renames a file: it needs a storage with local paths (the project's ``FileSystemStorage``).
"""

import datetime
import json
import os
import secrets
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from common.imports.reading import SheetRow

Scope = int | str | None


@dataclass(frozen=True)
class UploadNamespace:
    """Where one import keeps its uploads: the session key of its pending uploads
    (``session_key``; the finished ones under ``session_key + "_done"``), the folder under
    MEDIA_ROOT (``folder``), and how many pending uploads and finished summaries a session
    keeps (the oldest are dropped)."""

    session_key: str
    folder: str
    max_pending: int = 5
    max_done: int = 5

    @property
    def done_key(self) -> str:
        return f"{self.session_key}_done"

    def path(self, user, token: str, suffix: str) -> str:
        return f"{self.folder}/{user.pk}/{token}.{suffix}"


class PendingImportMissing(LookupError):
    """No pending import with that token in this namespace and scope of the session (or its
    files are gone)."""


def pending_import_store(
    *,
    namespace: UploadNamespace,
    session,
    user,
    data: bytes,
    rows: Iterable[SheetRow],
    file_name: str,
    scope: Scope = None,
) -> str:
    """Store the upload ``data`` and its ``rows`` for ``user`` in ``namespace``, bound to
    ``scope``; return the token that names them in this session."""
    token = secrets.token_hex(16)
    default_storage.save(namespace.path(user, token, "xlsx"), ContentFile(data))
    default_storage.save(namespace.path(user, token, "json"), ContentFile(_rows_json(rows)))
    pending = dict(session.get(namespace.session_key, {}))
    pending[token] = {"name": file_name[:255], "scope": scope}
    while len(pending) > namespace.max_pending:
        oldest = next(iter(pending))
        _delete(namespace, user, oldest)
        del pending[oldest]
    session[namespace.session_key] = pending
    return token


def pending_import_open(
    *, namespace: UploadNamespace, session, user, token: str, scope: Scope = None
) -> tuple[list[SheetRow], str]:
    """The rows of the stored upload and its original file name; raises
    ``PendingImportMissing`` when ``token`` is not pending in ``namespace`` with ``scope``, or
    its rows are claimed (being saved)."""
    entry = _pending(namespace, session, token, scope)
    path = namespace.path(user, token, "json")
    if entry is None or not default_storage.exists(path):
        raise PendingImportMissing(token)
    with default_storage.open(path, "rb") as handle:
        return _rows_from_json(handle.read()), entry["name"]


@contextmanager
def pending_import_claim(*, namespace: UploadNamespace, user, token: str):
    """Hold the pending import while it is saved: a concurrent claim, or one after a successful
    save, raises ``PendingImportMissing``. When the block raises, the import is released."""
    path = default_storage.path(namespace.path(user, token, "json"))
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


def pending_import_finish(
    *, namespace: UploadNamespace, session, user, token: str, summary: dict
) -> None:
    """Forget the pending import, delete its files and keep ``summary`` (JSON-serialisable) for
    the result page, with the import's scope."""
    pending = dict(session.get(namespace.session_key, {}))
    entry = pending.pop(token, None) or {}
    session[namespace.session_key] = pending
    _delete(namespace, user, token)
    done = dict(session.get(namespace.done_key, {}))
    done[token] = {"scope": entry.get("scope"), "summary": summary}
    while len(done) > namespace.max_done:
        del done[next(iter(done))]
    session[namespace.done_key] = done


def pending_import_confirm(
    *,
    namespace: UploadNamespace,
    session,
    user,
    token: str,
    save: Callable[[], dict],
) -> dict:
    """Save the pending import ``token``: run ``save`` (the import's save, returning its
    summary as a JSON-serialisable dict) while holding the claim, then finish it
    (``pending_import_finish``) and return the summary. Raises ``PendingImportMissing`` when
    another request holds or has saved it (a double click); whatever ``save`` raises (the
    import's "not saved") propagates, the import left pending."""
    with pending_import_claim(namespace=namespace, user=user, token=token):
        summary = save()
    pending_import_finish(
        namespace=namespace, session=session, user=user, token=token, summary=summary
    )
    return summary


def finished_import(
    *, namespace: UploadNamespace, session, token: str, scope: Scope = None
) -> dict:
    """The summary of a finished import of ``namespace`` with ``scope``; raises
    ``PendingImportMissing``."""
    entry = session.get(namespace.done_key, {}).get(token)
    if not isinstance(entry, dict) or "summary" not in entry or entry.get("scope") != scope:
        raise PendingImportMissing(token)
    return entry["summary"]


def import_saved(*, namespace: UploadNamespace, session, token: str, scope: Scope = None) -> bool:
    """Whether the import ``token`` of ``namespace`` with ``scope`` was saved in this session,
    or is being saved (still pending: ``pending_import_open`` found its rows claimed by another
    request, as after a double click)."""
    if _pending(namespace, session, token, scope) is not None:
        return True
    try:
        finished_import(namespace=namespace, session=session, token=token, scope=scope)
    except PendingImportMissing:
        return False
    return True


def _pending(namespace: UploadNamespace, session, token: str, scope: Scope) -> dict | None:
    entry = session.get(namespace.session_key, {}).get(token)
    return entry if entry is not None and entry.get("scope") == scope else None


def _delete(namespace: UploadNamespace, user, token: str) -> None:
    for suffix in ("xlsx", "json"):
        default_storage.delete(namespace.path(user, token, suffix))


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


def _rows_json(rows: Iterable[SheetRow]) -> bytes:
    return json.dumps(
        [[row.sheet, row.row, {k: _encode(v) for k, v in row.values.items()}] for row in rows],
        ensure_ascii=False,
    ).encode()


def _rows_from_json(data: bytes) -> list[SheetRow]:
    loaded = json.loads(data)
    if isinstance(loaded, dict):  # stored before namespaces: the rows of each sheet by name
        loaded = [line for lines in loaded.values() for line in lines]
    return [
        SheetRow(sheet=sheet, row=row, values={k: _decode(v) for k, v in values.items()})
        for sheet, row, values in loaded
    ]
