"""The secretariat's queue: the dossiers sent to the councils the user manages, filtered,
counted by state, 50 a page. A fixed number of queries however long the queue is."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse

from common.page_cache import cached_page
from common.paging import query_without
from dossiers.filters import QUEUE_STATUSES, QueueFilter
from dossiers.models import Dossier
from dossiers.selectors import councils_managed_by, review_queue, status_counts

PER_PAGE = 50


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    """The queue with its filters (round, status, assignee, unit name), a tab per state with
    its count (across the other filters), and for each dossier its unit, round, state, late
    flag, assignee and number of nominations. Cached for the user until the data changes
    (common/page_cache.py)."""
    return cached_page(request, "dossiers/review/queue.html", context=lambda: _context(request))


def _context(request: HttpRequest) -> dict:
    if not councils_managed_by(request.user).exists():
        raise PermissionDenied
    queue_filter = QueueFilter(
        request.GET, queryset=review_queue(user=request.user), user=request.user
    )
    dossiers = queue_filter.qs
    # Counted on the bare rows: the queue's nomination count joins nominations.
    across = queue_filter.qs_without("status").values("pk")
    counts = status_counts(dossiers=Dossier.objects.filter(pk__in=across))
    page = Paginator(dossiers, PER_PAGE).get_page(request.GET.get("page"))
    tabs = [(value, label, counts.get(value, 0)) for value, label in QUEUE_STATUSES]
    return {
        "filter": queue_filter,
        "page": page,
        "tabs": tabs,
        "total": sum(counts.values()),
        "current_status": request.GET.get("status", ""),
        "query": query_without(request, "page"),
        "status_query": query_without(request, "page", "status"),
    }
