"""The summary page's cache (reports/summary/cache.py): computed once, shown again without the
summary's queries, and forgotten by every kind of write the summary reads; on the real Redis,
shared between two app servers."""

import datetime
import os

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.models import AwardGrant
from common.audit import APP, AuditTrail
from common.data_version import VERSION_KEY, data_version
from registrations.models import Registration
from registrations.services.registrations import (
    EntryInput,
    entries_replace,
    registration_submit,
    version_of,
)
from tests.conftest import require_service
from tests.reports.summary.conftest import YEAR, award, grant
from tests.test_services import redis_reachable

URL = reverse("reports:summary_page")


def granted_on_page(client) -> str:
    html = client.get(URL).content.decode()
    return html.split('id="count-granted">', 1)[1].split("<", 1)[0]


def registered_on_page(client) -> str:
    html = client.get(URL).content.decode()
    return html.split('id="count-registered-units">', 1)[1].split("<", 1)[0]


@pytest.fixture
def reader(client, world, secretariat):
    client.force_login(secretariat)
    return client


def test_second_view_runs_none_of_the_summary_queries_and_says_when_computed(reader):
    with CaptureQueriesContext(connection) as first:
        html = reader.get(URL).content.decode()
    with CaptureQueriesContext(connection) as second:
        again = reader.get(URL).content.decode()

    def shown(page: str) -> str:  # from the "as of" time to the end of the sections
        return page.split('id="computed-at"', 1)[1].split("</main>", 1)[0]

    assert shown(again) == shown(html)  # the same figures, the same "as of" time
    assert len(second) <= len(first) - 12  # the summary's twelve queries are not run again
    assert not any("registrations_registrationentry" in q["sql"] for q in second.captured_queries)


def test_a_new_grant_shows_at_once(reader, world):
    assert granted_on_page(reader) == "4"

    grant(world.lan, "certificate_of_merit")

    assert granted_on_page(reader) == "5"


def test_a_deleted_grant_shows_at_once(reader, world):
    assert granted_on_page(reader) == "4"

    AwardGrant.objects.filter(person=world.lan, year=YEAR).delete()

    assert granted_on_page(reader) == "3"


def test_a_submitted_registration_counts_at_once_but_a_drafts_autosave_forgets_nothing(
    reader, world, tree, officer_a
):
    draft = Registration.objects.get(unit=tree.ward_b, window=world.window)
    assert registered_on_page(reader) == "1/2"
    version = data_version()

    entries_replace(
        registration=draft,
        rows=[EntryInput(kind="individual", award=award("advanced_worker"), person=world.hung)],
        version=version_of(draft),
    )
    assert data_version() == version  # a draft's lines are not in the summary

    registration_submit(registration=draft, actor=officer_a, today=datetime.date(2020, 2, 1))

    assert data_version() != version
    assert registered_on_page(reader) == "2/2"


def test_an_audited_bulk_write_forgets_the_summaries(reader, world):
    assert granted_on_page(reader) == "4"
    added = AwardGrant.objects.bulk_create(  # no model signal
        [AwardGrant(person=world.lan, form=award("certificate_of_merit"), year=YEAR)]
    )
    assert granted_on_page(reader) == "4"  # not yet told

    trail = AuditTrail(actor=None, source=APP, reference="test")
    trail.created(added)
    trail.save()

    assert granted_on_page(reader) == "5"


def test_a_new_participant_is_expected_to_register_at_once(reader, world, tree):
    assert registered_on_page(reader) == "1/2"

    world.campaign.participants.add(tree.group_a)

    assert registered_on_page(reader) == "1/3"


def test_the_version_changes_again_when_the_transaction_commits(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        grant(world.lan, "certificate_of_merit")
        during = data_version()

    for callback in callbacks:
        callback()
    assert data_version() != during  # a page computed before the commit is lost


def test_entries_expire_after_the_configured_seconds(reader, settings):
    settings.TDKT_SUMMARY_CACHE_SECONDS = 1234
    response = reader.get(URL)

    assert response.context["fragment_seconds"] == 1234


@pytest.fixture
def redis_cache_settings():
    url = os.environ.get("REDIS_URL", "")
    require_service("Redis", bool(url) and redis_reachable(url), f"REDIS_URL={url!r}")
    prefix = f"tdkt-test-{os.getpid()}"
    backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    yield {
        "default": {**backend, "KEY_PREFIX": prefix},
        "other_server": {**backend, "KEY_PREFIX": prefix},
    }
    with override_settings(CACHES={"default": {**backend, "KEY_PREFIX": prefix}}):
        redis = caches["default"]._cache.get_client(write=True)
        keys = list(redis.scan_iter(f"{prefix}:*"))
        if keys:
            redis.delete(*keys)


def test_on_redis_a_write_on_one_server_is_seen_by_the_other(
    client, world, secretariat, redis_cache_settings
):
    with override_settings(CACHES=redis_cache_settings):
        client.force_login(secretariat)
        assert granted_on_page(client) == "4"
        version = caches["other_server"].get(VERSION_KEY)
        assert version == data_version()  # both servers read the same token

        grant(world.lan, "certificate_of_merit")  # the other server's version changes too

        assert caches["other_server"].get(VERSION_KEY) != version
        assert granted_on_page(client) == "5"
