"""The annual summary page's cache: the summary, its charts and the council's years, computed
once and kept until the data they come from changes.

A summary of a province's year reads every registration line, dossier and grant of its area
(about half a second of database work on a nation-sized data set: README "Running at scale"),
and the same few summaries are opened again and again at year end. So the page keeps what it
computed in Django's cache (Redis when ``REDIS_URL`` is set, shared by every app server;
otherwise the process's memory), under a key made of the *data version* and the scope.

The data version is a random token in the cache. It is replaced, which makes every cached
summary unreachable at once, whenever data the summary reads is written:

- a row of a model in ``WATCHED`` is saved or deleted (model signals);
- the participants of a campaign or the members of a cluster change (``m2m_changed``);
- a workflow state changes (``common.StateChange``: a registration submitted, accepted or
  returned, a dossier moved, a cluster's scoring closed …): a registration's lines are read
  only once it is submitted, so its autosaves do not count;
- an import or a bulk service writes rows of those models or of registrations and their lines
  (``common.audit.audit_saved``; ``bulk_create`` and ``update`` send no model signal), except
  the registration form's saves of a draft's lines.

The token is replaced at once and again when the transaction commits: a page computed between
the two, from data not yet committed, is cached under a token nobody asks for any more. Entries
also expire after ``settings.TDKT_SUMMARY_CACHE_SECONDS`` (15 minutes by default), which bounds
how long a write that bypasses all of the above (raw SQL, the database shell) stays unseen. The
page says when its figures were computed. Exports always compute afresh.
"""

import datetime
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from awards.models import AwardDecision, AwardForm, AwardGrant, EmulationTitle, Household
from campaigns.models import (
    Acclamation,
    Campaign,
    Cluster,
    ClusterResult,
    Score,
    ScoreSheet,
    ScoringCriterion,
)
from common.audit import audit_saved
from common.models import StateChange
from dossiers.models import Dossier, Nomination, Round
from organizations.models import Council, Membership, Person, Unit
from registrations.models import Registration, RegistrationEntry, RegistrationWindow
from registrations.services.registrations import ENTRIES_REPLACE
from reports.summary.charts import Chart, summary_charts
from reports.summary.selectors import AnnualSummary, annual_summary, summary_years

VERSION_KEY = "reports:summary:version"

# Models whose saves and deletes change a summary or the choices shown beside it (a user's
# memberships decide which units and clusters he can pick). Registrations and their lines are
# not here: what counts of them changes with their state (StateChange) or through an import
# (audit_saved).
WATCHED: tuple[type, ...] = (
    Council,
    Unit,
    Membership,
    Person,
    Household,
    Campaign,
    RegistrationWindow,
    Cluster,
    ClusterResult,
    Acclamation,
    ScoringCriterion,
    ScoreSheet,
    Score,
    Round,
    Dossier,
    Nomination,
    AwardDecision,
    AwardGrant,
    EmulationTitle,
    AwardForm,
    StateChange,
)
AUDIT_WATCHED = frozenset((*WATCHED, Registration, RegistrationEntry))


@dataclass(frozen=True)
class CachedSummary:
    """What the page shows: the ``summary`` (``annual_summary``'s, 300 grants listed), its two
    ``charts``, when they were computed (``computed_at``, aware datetime), and for the page's
    ``{% cache %}`` fragment of the rendered sections its key (``fragment_key``: the data
    version and the scope) and lifetime (``fragment_seconds``)."""

    summary: AnnualSummary
    charts: tuple[Chart, Chart]
    computed_at: datetime.datetime
    fragment_key: str
    fragment_seconds: int


def data_version() -> str:
    """The current data version (a token; made when the cache has none)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = secrets.token_hex(8)
        if not cache.add(VERSION_KEY, version, timeout=None):
            version = cache.get(VERSION_KEY) or version
    return version


def _new_version() -> None:
    cache.set(VERSION_KEY, secrets.token_hex(8), timeout=None)


def summary_data_changed(**_signal_kwargs) -> None:
    """Make every cached summary unreachable: now, and again once the current transaction (if
    any) commits. Safe to call as a signal receiver."""
    _new_version()
    transaction.on_commit(_new_version)


def _audit_saved(*, models, reference: str = "", **_kwargs) -> None:
    # A saved registration form writes the lines of a draft or a returned registration, which
    # no summary reads (entries_replace refuses any other).
    if reference != ENTRIES_REPLACE and AUDIT_WATCHED.intersection(models):
        summary_data_changed()


def connect() -> None:
    """Connect the receivers that replace the data version (module docstring); called once by
    ``ReportsConfig.ready``."""
    uid = "reports.summary.cache"
    for model in WATCHED:
        post_save.connect(summary_data_changed, sender=model, dispatch_uid=f"{uid}.save.{model}")
        post_delete.connect(summary_data_changed, sender=model, dispatch_uid=f"{uid}.del.{model}")
    for through in (Campaign.participants.through, Cluster.members.through):
        m2m_changed.connect(summary_data_changed, sender=through, dispatch_uid=f"{uid}.{through}")
    audit_saved.connect(_audit_saved, dispatch_uid=f"{uid}.audit")


def _key(*parts) -> str:
    return ":".join(("reports:summary", data_version(), *(str(p) for p in parts)))


def cached_summary(*, council, year: int, cluster=None, unit=None) -> CachedSummary:
    """The page's ``CachedSummary`` of the scope (arguments as ``annual_summary``'s), from the
    cache, or computed and kept there. Permission is the caller's."""
    key = _key("page", council.pk, year, getattr(cluster, "pk", ""), getattr(unit, "pk", ""))
    found = cache.get(key)
    if found is None:
        summary = annual_summary(council=council, year=year, cluster=cluster, unit=unit)
        found = CachedSummary(
            summary=summary,
            charts=summary_charts(summary),
            computed_at=timezone.now(),
            fragment_key=key,
            fragment_seconds=settings.TDKT_SUMMARY_CACHE_SECONDS,
        )
        cache.set(key, found, timeout=settings.TDKT_SUMMARY_CACHE_SECONDS)
    return found


def cached_years(*, council) -> list[int]:
    """``summary_years`` of the council, cached like the summaries."""
    key = _key("years", council.pk)
    found = cache.get(key)
    if found is None:
        found = summary_years(council=council)
        cache.set(key, found, timeout=settings.TDKT_SUMMARY_CACHE_SECONDS)
    return found
