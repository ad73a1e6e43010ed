"""The *data version*: one token in Django's cache that changes whenever the data the pages show
is written, so that everything computed from the data can be cached under it and forgotten at
once (the annual summary: reports/summary/cache.py; a user's rendered pages:
common/page_cache.py).

The token is replaced:

- when a row of a watched model is saved or deleted (model signals), or the rows of a
  many-to-many field of one change (``m2m_changed``). Watched are every model of the project's
  apps (``settings.LOCAL_APPS``) and the user model, except ``UNWATCHED``: rows that change all
  day without changing a page (audit entries, draft registrations' autosaves, export progress,
  mail, notifications, security events) and a user's ``last_login``;
- when an import or a bulk service writes rows (``common.audit.audit_saved``: ``bulk_create`` and
  ``update`` send no model signal), except the registration form's saves of a draft's lines;
- after every POST, PUT, PATCH or DELETE request, however its view wrote
  (``DataVersionMiddleware``), except views marked ``keeps_data_version`` (the registration
  form's autosave).

It is replaced at once and again when the transaction commits: what is computed between the two,
from data not yet committed, is cached under a token nobody asks for any more. Whatever is cached
under it also expires (each cache sets its lifetime), which bounds how long a write that bypasses
all of the above (raw SQL, the database shell) stays unseen.

The cache is Redis when ``REDIS_URL`` is set, so a write through one app server or Celery worker
is seen by all of them at once.

``remembered`` keeps small values a form needs on every request (the award catalog's choices, a
unit's collectives) in the process's own memory under the version: no query and no unpickling
while nothing changes.
"""

import secrets
import time
from collections.abc import Callable, Hashable

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse

from common.audit import audit_saved

VERSION_KEY = "tdkt:data-version"

# Models whose rows no cached page shows, or that change on every request of some kind: their
# writes keep the version. Registrations and their lines are here because the form autosaves
# them; what counts of a registration changes with its state (``common.StateChange``) or through
# an import or a page's service (``audit_saved``, the middleware).
UNWATCHED = frozenset(
    {
        "common.AuditEntry",
        "registrations.Registration",
        "registrations.RegistrationEntry",
        "registrations.ExportFile",
        "reports.ExportJob",
        "notifications.OutgoingMail",
        "notifications.Notification",
        "notifications.Preference",
        "reminders.ReminderDispatch",
        "reminders.OverdueDigest",
        "security.SecurityEvent",
    }
)
# The audit trail's reference of the registration form's save of a draft's lines
# (registrations.services.registrations.ENTRIES_REPLACE): no page cached shows a draft.
DRAFT_LINES_REFERENCE = "entries_replace"


def data_version() -> str:
    """The current data version (a token; made when the cache has none)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = secrets.token_hex(8)
        if not cache.add(VERSION_KEY, version, timeout=None):
            version = cache.get(VERSION_KEY) or version
    return version


def replace_version() -> None:
    """Replace the version now (what ``data_changed`` also schedules on commit)."""
    cache.set(VERSION_KEY, secrets.token_hex(8), timeout=None)


def data_changed(**_signal_kwargs) -> None:
    """Make everything cached under the current version unreachable: now, and again once the
    current transaction (if any) commits. Safe to call as a signal receiver."""
    replace_version()
    transaction.on_commit(replace_version)


# What ``remembered`` holds in this process: key → (version, monotonic expiry, value). Cleared
# whole when it reaches MEMORY_SIZE keys (a few thousand units' choices; no LRU needed).
_MEMORY: dict[Hashable, tuple[str, float, object]] = {}
MEMORY_SIZE = 4096


def remembered(
    key: Hashable, compute: Callable[[], object], *, version: str | None = None
) -> object:
    """``compute()``, kept in this process's memory under ``key`` while the data version stays
    the same, for ``settings.TDKT_PAGE_CACHE_SECONDS`` at most (0: not kept, computed every
    time; the default without a shared cache, whose version another process's writes would not
    change). One cache read (the version) when kept, none when the caller passes the
    ``version`` it has just read. The value is shared by every request of the process: the
    caller must not change it."""
    seconds = settings.TDKT_PAGE_CACHE_SECONDS
    if seconds <= 0:
        return compute()
    version, now = version or data_version(), time.monotonic()
    held = _MEMORY.get(key)
    if held is not None and held[0] == version and held[1] > now:
        return held[2]
    value = compute()
    if len(_MEMORY) >= MEMORY_SIZE:
        _MEMORY.clear()
    _MEMORY[key] = (version, now + seconds, value)
    return value


def watched_models() -> list[type]:
    """The models whose saves and deletes change the version (module docstring)."""
    user_model = get_user_model()
    found = [user_model]
    for label in settings.LOCAL_APPS:
        for model in apps.get_app_config(label.rpartition(".")[2]).get_models():
            if model._meta.label not in UNWATCHED and model is not user_model:
                found.append(model)
    return found


def _user_saved(*, update_fields=None, **kwargs) -> None:
    if update_fields is None or set(update_fields) != {"last_login"}:
        data_changed()


def _audit_saved(*, models, reference: str = "", **_kwargs) -> None:
    if reference != DRAFT_LINES_REFERENCE and models:
        data_changed()


def connect() -> None:
    """Connect the receivers that replace the version; called once by ``CommonConfig.ready``."""
    uid = "common.data_version"
    user_model = get_user_model()
    for model in watched_models():
        receiver = _user_saved if model is user_model else data_changed
        post_save.connect(receiver, sender=model, dispatch_uid=f"{uid}.save.{model._meta.label}")
        post_delete.connect(
            data_changed, sender=model, dispatch_uid=f"{uid}.del.{model._meta.label}"
        )
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(data_changed, sender=through, dispatch_uid=f"{uid}.m2m.{through}")
    audit_saved.connect(_audit_saved, dispatch_uid=f"{uid}.audit")


def keeps_data_version(view: Callable) -> Callable:
    """Mark a view whose unsafe requests change nothing a cached page shows (the registration
    form's autosave of a draft), so ``DataVersionMiddleware`` keeps the version after it."""
    view.keeps_data_version = True
    return view


class DataVersionMiddleware:
    """Replace the data version after every POST, PUT, PATCH or DELETE request, unless its view is
    marked ``keeps_data_version``: whatever the view wrote, and however (a bulk update sends no
    signal), no page cached before it is shown after it."""

    UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method in self.UNSAFE and not getattr(request, "_keeps_data_version", False):
            replace_version()
        return response

    def process_view(self, request: HttpRequest, view_func: Callable, view_args, view_kwargs):
        request._keeps_data_version = getattr(view_func, "keeps_data_version", False)
