"""The annual summary page's cache: the summary, its charts and the council's years, computed
once and kept until the data they come from changes.

A summary of a province's year reads every registration line, dossier and grant of its area
(about half a second of database work on a nation-sized data set: README "Running at scale"),
and the same few summaries are opened again and again at year end. So the page keeps what it
computed in Django's cache (Redis when ``REDIS_URL`` is set, shared by every app server;
otherwise the process's memory), under a key made of the *data version* and the scope.

The *data version* (common/data_version.py) is a token replaced by every write the pages could
show, which makes every cached summary unreachable at once; entries also expire after
``settings.TDKT_SUMMARY_CACHE_SECONDS`` (15 minutes by default). The page says when its
figures were computed. Exports always compute afresh.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from common.data_version import data_version
from reports.summary.charts import Chart, summary_charts
from reports.summary.selectors import AnnualSummary, annual_summary, summary_years


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
