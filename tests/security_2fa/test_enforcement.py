"""Who is asked for the second factor, on which pages, and where he goes afterwards."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from organizations.models import Membership
from tests.factories import MembershipFactory
from tests.security_2fa.conftest import authenticator, code_of, verified, verify

pytestmark = pytest.mark.django_db

ASKED = ["secretariat", "admin_user", "staff_user", "superuser"]
NOT_ASKED = ["officer_a", "member"]


def verify_url(next_url: str | None = None) -> str:
    url = reverse("security:verify")
    return f"{url}?{urlencode({'next': next_url})}" if next_url is not None else url


@pytest.mark.parametrize("role", ASKED)
def test_managing_roles_are_sent_to_the_second_factor_with_next_kept(client, request, role):
    user = request.getfixturevalue(role)
    authenticator(user)
    client.force_login(user)

    response = client.get(reverse("plans:plan_list") + "?year=2020")

    assert response.status_code == 302
    assert response.url == verify_url("/plans/?year=2020")
    assert client.get(response.url).status_code == 200


@pytest.mark.parametrize("role", ASKED)
def test_managing_roles_without_an_authenticator_go_on_to_set_one_up(client, request, role):
    client.force_login(request.getfixturevalue(role))

    first = client.get(reverse("dashboard"))
    second = client.get(first.url)

    assert second.status_code == 302
    assert second.url == f"{reverse('security:setup')}?{urlencode({'next': '/dashboard/'})}"


@pytest.mark.parametrize("role", NOT_ASKED)
def test_officers_and_council_members_are_not_asked(client, request, role):
    client.force_login(request.getfixturevalue(role))

    assert client.get(reverse("dashboard")).status_code == 200
    assert client.get(reverse("plans:plan_list")).status_code == 200
    # The verification pages send them on.
    assert client.get(verify_url("/plans/")).url == "/plans/"
    assert client.get(reverse("security:setup")).url == reverse("dashboard")


def test_nobody_is_asked_when_two_factor_is_switched_off(client, settings, secretariat):
    settings.TDKT_REQUIRE_2FA = False
    client.force_login(secretariat)

    assert client.get(reverse("dashboard")).status_code == 200
    assert client.get(reverse("security:verify")).url == reverse("dashboard")


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/dashboard/",
        "/units/",
        "/units/people/",
        "/plans/",
        "/awards/grants/",
        "/registrations/",
        "/dossiers/",
        "/deadlines/",
        "/notifications/",
        "/reports/summary/",
        "/accounts/password-change/",
        "/admin/",
        "/admin/organizations/unit/",
        "/accounts/security/",
    ],
)
def test_every_kind_of_page_waits_for_the_second_factor(client, secretariat, url):
    authenticator(secretariat)
    client.force_login(secretariat)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("security:verify"))


def test_scripts_get_a_json_403_not_a_redirect(client, secretariat):
    authenticator(secretariat)
    client.force_login(secretariat)

    count = client.get(reverse("notifications:count"), headers={"accept": "application/json"})
    autosave = client.post(
        reverse("registrations:autosave", args=[1]), {}, headers={"x-requested-with": "fetch"}
    )
    fetched = client.get(reverse("dashboard"), headers={"sec-fetch-dest": "empty"})

    for response in (count, autosave, fetched):
        assert response.status_code == 403
        assert response.json()["error"] == "second_factor_required"
        assert response.json()["verify_url"] == reverse("security:verify")
        assert "no-store" in response["Cache-Control"]


def test_a_form_posted_before_verifying_is_not_replayed_after(client, secretariat):
    authenticator(secretariat)
    client.force_login(secretariat)

    response = client.post(reverse("plans:plan_create"), {"title": "x"})

    assert response.status_code == 302
    assert response.url == reverse("security:verify")


def test_log_out_language_and_static_files_stay_open(client, secretariat):
    authenticator(secretariat)
    client.force_login(secretariat)

    language = client.post(reverse("set_language"), {"language": "en", "next": "/dashboard/"})
    static = client.head("/static/css/app.css")  # HEAD: no file left open
    login_page = client.get(reverse("login"))
    logout = client.post(reverse("logout"))

    assert language.status_code == 302
    assert client.cookies["django_language"].value == "en"
    assert static.status_code == 200
    assert login_page.status_code == 200
    assert logout.status_code == 302
    assert "_auth_user_id" not in client.session


def test_after_the_code_the_page_asked_for_opens(client, secretariat):
    device = authenticator(secretariat)
    client.force_login(secretariat)

    response = verify(client, code_of(device), next_url="/plans/?year=2020")

    assert response.status_code == 302
    assert response.url == "/plans/?year=2020"
    assert client.get("/plans/?year=2020").status_code == 200
    assert client.get(reverse("dashboard")).status_code == 200


def test_the_admin_site_opens_after_the_code(client, superuser):
    verified(client, superuser)

    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/organizations/unit/").status_code == 200


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example/dashboard/",
        "http://testserver.evil.example/",
        "javascript:alert(1)",
        "/accounts/logout/",
        "/accounts/security/verify/",
    ],
)
def test_next_never_leaves_the_site_or_loops(client, secretariat, next_url):
    device = authenticator(secretariat)
    client.force_login(secretariat)

    response = verify(client, code_of(device), next_url=next_url)

    assert response.status_code == 302
    assert response.url == reverse("dashboard")


def test_a_new_managing_role_is_asked_for_from_the_next_request(client, tree, officer_a):
    client.force_login(officer_a)
    assert client.get(reverse("dashboard")).status_code == 200

    MembershipFactory(user=officer_a, unit=tree.district, role=Membership.Role.SECRETARIAT)

    assert client.get(reverse("dashboard")).status_code == 302


def test_a_device_removed_by_the_administrator_ends_the_verification(client, secretariat):
    verified(client, secretariat)
    assert client.get(reverse("dashboard")).status_code == 200

    TOTPDevice.objects.filter(user=secretariat).delete()

    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert client.get(response.url).url.startswith(reverse("security:setup"))


def test_verification_is_not_remembered_after_log_out(client, secretariat):
    device = authenticator(secretariat)
    verified(client, secretariat, device)
    client.post(reverse("logout"))

    client.force_login(secretariat)

    assert client.get(reverse("dashboard")).status_code == 302
    assert verify(client, code_of(device, steps_ahead=1)).status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200
