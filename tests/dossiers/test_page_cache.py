"""A user's pages from the page cache (common/page_cache.py) and the data version they are kept
under (common/data_version.py): shown again without their queries, never to another user, with
the request's own CSRF token and messages, and forgotten by any write the page could show."""

import re

import pytest
from django.contrib.auth.models import update_last_login
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from common.data_version import DataVersionMiddleware, data_version, keeps_data_version
from dossiers.models import Dossier, Nomination
from organizations.models import Membership
from tests.dossiers.conftest import advance, make_dossier
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

TWO = (("person", 0, "advanced_worker"), ("person", 1, "advanced_worker"))


@pytest.fixture
def in_appraisal(world):
    return advance(world, make_dossier(world, lines=TWO), "in_appraisal")


def _appraisal(dossier: Dossier) -> str:
    return reverse("dossiers:appraisal", args=[dossier.pk])


def test_second_view_is_the_same_page_without_its_queries(
    client, world, in_appraisal, django_assert_num_queries
):
    client.force_login(world.secretariat)
    first = client.get(reverse("dossiers:queue")).content.decode()
    # The request's savepoint, the session and the user: none of the queue's own queries.
    with django_assert_num_queries(4):
        second = client.get(reverse("dossiers:queue")).content.decode()
    assert "Phường An Bình" in second
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"|nonce="[^"]+"')
    assert strip.sub("", first) == strip.sub("", second)


def test_cached_page_forms_carry_the_requests_own_csrf_token(world):
    dossier = advance(world, make_dossier(world), "submitted")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.secretariat)
    browser.get(_appraisal(dossier))  # cached now
    page = browser.get(_appraisal(dossier)).content.decode()
    form = page[page.index('id="take-form"') :]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    response = browser.post(
        reverse("dossiers:take", args=[dossier.pk]),
        {"csrfmiddlewaretoken": token, "assignee": world.specialist.pk},
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert (dossier.status, dossier.assignee) == (Dossier.Status.IN_APPRAISAL, world.specialist)


def test_messages_show_on_a_cached_page(client, world):
    dossier = advance(world, make_dossier(world), "submitted")
    client.force_login(world.secretariat)
    client.get(_appraisal(dossier))
    response = client.post(
        reverse("dossiers:take", args=[dossier.pk]),
        {"assignee": world.specialist.pk},
        follow=True,
    )
    assert "Hồ sơ đã được nhận thẩm định." in response.content.decode()


def test_another_user_gets_his_own_page_or_his_refusal(client, world, in_appraisal, tree):
    client.force_login(world.secretariat)
    assert client.get(reverse("dossiers:queue")).status_code == 200
    assert client.get(_appraisal(in_appraisal)).status_code == 200

    outsider = MembershipFactory(
        user=UserFactory(username="thuongtruc_khac"),
        unit=tree.other_province,
        role=Membership.Role.SECRETARIAT,
    ).user
    client.force_login(outsider)
    queue = client.get(reverse("dossiers:queue")).content.decode()
    assert "Phường An Bình" not in queue
    assert client.get(_appraisal(in_appraisal)).status_code == 404

    client.force_login(world.officer_a)  # his unit's dossier, not his to appraise
    assert client.get(reverse("dossiers:queue")).status_code == 403
    assert client.get(_appraisal(in_appraisal)).status_code == 403


def test_a_verdict_saved_on_the_page_shows_at_once(client, world, in_appraisal):
    client.force_login(world.secretariat)
    url = _appraisal(in_appraisal)
    client.get(url)
    first, second = in_appraisal.nominations.order_by("pk")
    # verdicts_record writes the verdicts with bulk_update: no model signal.
    client.post(
        reverse("dossiers:appraisal_save", args=[in_appraisal.pk]),
        {
            f"verdict_{first.pk}": Nomination.Appraisal.ELIGIBLE,
            f"verdict_{second.pk}": Nomination.Appraisal.INELIGIBLE,
            f"reason_{second.pk}": "Chưa đủ số năm liên tục",
        },
    )
    assert "Chưa đủ số năm liên tục" in client.get(url).content.decode()


def test_a_write_outside_the_pages_shows_at_once(client, world):
    client.force_login(world.secretariat)
    assert "Phường An Bình" not in client.get(reverse("dossiers:queue")).content.decode()
    advance(world, make_dossier(world), "submitted")  # the unit's officer, through services
    assert "Phường An Bình" in client.get(reverse("dossiers:queue")).content.decode()


def test_a_log_in_keeps_the_version_an_edited_user_changes_it(world):
    version = data_version()
    update_last_login(None, world.officer_a)  # what every log-in does
    assert data_version() == version  # last_login only

    world.officer_a.first_name = "Hùng"
    world.officer_a.save()
    assert data_version() != version


def test_the_page_follows_the_language(client, world, in_appraisal):
    client.force_login(world.secretariat)
    assert "Hồ sơ chờ xử lý" in client.get(reverse("dossiers:queue")).content.decode()
    client.cookies["django_language"] = "en"
    assert "Dossier queue" in client.get(reverse("dossiers:queue")).content.decode()


def test_off_when_its_lifetime_is_zero(client, settings, world, in_appraisal):
    settings.TDKT_PAGE_CACHE_SECONDS = 0
    client.force_login(world.secretariat)
    client.get(reverse("dossiers:queue"))
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("dossiers:queue"))
    assert len(queries) > 4  # the queue's own queries again


@pytest.mark.parametrize(
    ("method", "marked", "replaced"),
    [("post", False, True), ("delete", False, True), ("get", False, False), ("post", True, False)],
)
def test_a_write_request_replaces_the_version_unless_its_view_keeps_it(
    rf, method, marked, replaced
):
    def view(request):
        return HttpResponse("ok")

    if marked:
        view = keeps_data_version(view)
    middleware = DataVersionMiddleware(lambda request: HttpResponse("ok"))
    request = getattr(rf, method)("/")
    before = data_version()
    middleware.process_view(request, view, (), {})
    middleware(request)
    assert (data_version() != before) is replaced
