"""The load benchmark's pieces (benchmarks/load.py): the trivial view it measures pages
against, the seed it runs on (a small world on PostgreSQL on which every page the scenarios
request answers), the authenticator codes and log-in it uses, and the form the phone posts."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import override_settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from benchmarks import seed_large
from benchmarks.load_users import autosave_fields, login, totp
from tests.conftest import require_service


def test_healthz_answers_ok_without_login_or_query(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]


def test_healthz_takes_no_form(client, db):
    assert client.post(reverse("healthz")).status_code == 405


@pytest.mark.parametrize(
    ("at", "code"),
    [(59, "287082"), (1111111109, "081804"), (1234567890, "005924"), (2000000000, "279037")],
)
def test_totp_gives_the_rfc_6238_codes(at, code):
    # RFC 6238 appendix B, SHA-1 key "12345678901234567890", last six digits.
    assert totp("3132333435363738393031323334353637383930", at=at) == code


def test_spread_keeps_the_total_and_the_weights():
    assert seed_large.spread(10, [5, 1, 1, 1, 1, 1]) == [5, 1, 1, 1, 1, 1]
    counts = seed_large.spread(1000, [5.0] + [1.0] * 7)
    assert sum(counts) == 1000
    assert counts[0] == pytest.approx(5 * counts[1], abs=5)


@pytest.fixture
def small_world(db, award_catalog, capsys):
    """seed_large's world at a hundredth of its size, in the test database."""
    require_service("PostgreSQL", connection.vendor == "postgresql", "the seed writes with COPY")
    seeder = seed_large.Seeder(scale=0.01, focus=5.0, today=timezone.localdate())
    seeder.run()
    capsys.readouterr()
    return seeder


def test_the_seed_makes_the_country_and_the_counts_asked(small_world):
    from awards.models import AwardGrant
    from dossiers.models import Dossier, Nomination
    from organizations.models import Person, Unit
    from registrations.models import RegistrationEntry

    made = small_world.made
    communes = Unit.objects.filter(
        kind__in=("commune", "ward", "special_zone"), dissolved_on__isnull=True
    )
    assert communes.count() == made["communes, wards, special zones"] == 3321
    assert Person.objects.count() == made["people"] == 2000
    assert Dossier.objects.count() == made["dossiers"] == 100
    assert Nomination.objects.filter(dossier__status="draft").exists()
    assert AwardGrant.objects.count() == made["award grants"] == 1000
    assert RegistrationEntry.objects.count() == made["registration lines"]
    # Every decided nomination points at the grant of its decision.
    decided = Nomination.objects.filter(
        dossier__status="decision_issued", council_result="approved"
    )
    assert decided.exists()
    assert not decided.filter(grant__isnull=True).exists()


def test_every_page_of_the_scenarios_answers_on_the_seed(small_world, client):
    from benchmarks.load import find_targets
    from registrations.models import Registration

    targets = find_targets(users=20)
    assert len(targets["officers"]) == seed_large.LOAD_OFFICERS
    users = get_user_model().objects
    client.force_login(users.get(username=seed_large.SECRETARIAT))
    for path in (
        "/dossiers/queue/",
        f"/dossiers/{targets['dossier']}/appraisal/",
        targets["summary"],
    ):
        assert client.get(path).status_code == 200, path
    officer = targets["officers"][0]
    client.force_login(users.get(username=officer["username"]))
    assert client.get("/dashboard/").status_code == 200
    registration = Registration.objects.get(pk=officer["registration"])
    assert registration.status == Registration.Status.DRAFT
    assert registration.window.closes_on >= timezone.localdate()


def test_the_autosave_the_scenario_posts_is_saved_and_its_version_checked(small_world, client):
    from benchmarks.load import find_targets
    from registrations.models import Registration
    from registrations.services.registrations import version_of

    officer = find_targets(users=1)["officers"][0]
    client.force_login(get_user_model().objects.get(username=officer["username"]))
    url = f"/registrations/{officer['registration']}/autosave/"
    opened = version_of(Registration.objects.get(pk=officer["registration"]))
    answers = []
    version = opened
    for saves in (1, 2):
        fields = autosave_fields(officer, csrf="", version=version, saves=saves)
        answer = client.post(url, dict(fields), HTTP_X_REQUESTED_WITH="fetch")
        assert answer.status_code == 200
        answers.append(answer.json())
        version = answers[-1]["version"]
    assert all(answer["saved"] for answer in answers)
    registration = Registration.objects.get(pk=officer["registration"])
    lines = list(registration.entries.order_by("order"))
    assert len(lines) == 1 + len(officer["people"][:5])
    assert lines[1].initiative_name.endswith("bản 2")
    # A phone still holding the version it opened with is told its page is stale.
    stale = client.post(url, dict(autosave_fields(officer, csrf="", version=opened, saves=3)))
    assert stale.status_code == 409
    assert stale.json()["reason"] == "stale"


@pytest.mark.django_db(transaction=True)
def test_log_in_passes_the_form_and_the_second_factor(live_server, award_catalog):
    from organizations.models import Membership
    from tests.factories import UnitFactory

    try:
        reverse("security:verify")
    except NoReverseMatch:
        pytest.skip("the second-factor pages are not mounted")
    from django_otp.plugins.otp_totp.models import TOTPDevice

    province = UnitFactory(kind="province")
    users = get_user_model().objects
    secretariat = users.create_user(username="thu", password=seed_large.LOAD_PASSWORD)
    Membership.objects.create(user=secretariat, unit=province, role="secretariat")
    TOTPDevice.objects.create(
        user=secretariat, name="Load test", key=seed_large.LOAD_TOTP_KEY, confirmed=True
    )
    officer = users.create_user(username="can", password=seed_large.LOAD_PASSWORD)
    Membership.objects.create(user=officer, unit=province, role="unit_officer")
    with override_settings(TDKT_REQUIRE_2FA=True):
        for username in ("thu", "can"):
            cookies = login(
                live_server.url,
                username,
                seed_large.LOAD_PASSWORD,
                totp_key=seed_large.LOAD_TOTP_KEY,
            )
            assert cookies["sessionid"]
