"""Views shared by every role: the dashboard and the account pages' wiring."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from campaigns.selectors import campaigns_on_dashboard, clusters_on_dashboard
from common.forms import QueuedPasswordResetForm
from common.page_cache import cached_page
from organizations.selectors import dashboard_for
from reminders.selectors import upcoming_for_user

DASHBOARD_ITEMS = 10


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The signed-in user's start page: his roles and the units under each of them, his units'
    upcoming and recently missed deadlines, the launched campaigns his units take part in and
    the clusters they belong to. Cached for the user until the data changes
    (common/page_cache.py)."""
    return cached_page(
        request,
        "common/dashboard.html",
        context=lambda: {
            "summary": dashboard_for(user=request.user),
            "deadlines": upcoming_for_user(user=request.user, today=timezone.localdate()),
            "campaigns": campaigns_on_dashboard(request.user)[:DASHBOARD_ITEMS],
            "clusters": clusters_on_dashboard(request.user)[:DASHBOARD_ITEMS],
        },
    )


class PasswordResetView(auth_views.PasswordResetView):
    """Password reset that queues its mail through Celery."""

    form_class = QueuedPasswordResetForm
