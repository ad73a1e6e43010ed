"""The public verification page a certificate's QR code opens (certificates/views.py)."""

import datetime
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from certificates.models import Certificate
from certificates.services import certificates_ensure
from dossiers.services.decisions import RevocationGround, grant_revoke

pytestmark = pytest.mark.django_db
LABELS = ("Recipient", "Award", "Decision number", "Decision date")


def _url(token: str) -> str:
    return reverse("certificates:verify", args=[token])


def _without_tokens(html: str) -> str:
    """The page without what differs per request: the CSRF token and the current path."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    return re.sub(r'name="next" value="[^"]*"', "", html)


def _facts(html: str) -> list[tuple[str, str]]:
    """The (label, value) pairs of the page's list of facts."""
    block = re.search(r'<dl[^>]*id="certificate-facts"[^>]*>(.*?)</dl>', html, re.S).group(1)
    cells = [
        " ".join(re.sub(r"<[^>]+>", " ", c).split())
        for c in re.findall(r"<d[td][^>]*>(.*?)</d[td]>", block, re.S)
    ]
    return list(zip(cells[::2], cells[1::2], strict=True))


@pytest.fixture
def lan(printing) -> Certificate:
    return certificates_ensure(grants=[printing.lan])[printing.lan.pk]


def test_the_page_shows_the_five_facts_and_nothing_else(client, printing, lan):
    response = client.get(_url(lan.token))

    assert response.status_code == 200
    with translation.override("vi"):
        labels = [gettext(label) for label in LABELS]
    assert _facts(response.text) == list(
        zip(labels, ["Nguyễn Thị Lan", "Giấy khen", "25/QĐ-UBND", "20/01/2021"], strict=True)
    )
    assert 'data-state="valid"' in response.text
    page = response.text
    for private in ("Phường An Bình", "1982", "Công chức Văn phòng", "Chủ tịch UBND", "Ký"):
        assert private not in page.split("<main", 1)[1]


def test_the_page_is_never_cached_nor_indexed(client, lan):
    response = client.get(_url(lan.token))

    assert response["Cache-Control"] == "no-store"
    assert "noindex" in response["X-Robots-Tag"]
    assert response["Referrer-Policy"] == "no-referrer"


def test_a_revocation_shows_at_once(client, printing, lan):
    assert 'data-state="valid"' in client.get(_url(lan.token)).text

    grant_revoke(
        grant=printing.lan,
        ground=RevocationGround.FRAUD,
        detail="Khai sai thành tích",
        on=datetime.date(2021, 6, 2),
        actor=printing.secretariat,
    )
    response = client.get(_url(lan.token))

    assert 'data-state="revoked"' in response.text
    assert "02/06/2021" in response.text
    assert "Khai sai thành tích" not in response.text  # the reason is not a public fact


@pytest.mark.parametrize(
    "token", ["x" * 24, "1", "short", "A" * 65, "abc$def-ghi_jkl.mnopq", "%00" * 8]
)
def test_any_bad_token_gets_the_same_not_found_page(client, lan, token):
    known_missing = client.get(_url("Z" * 24))

    response = client.get(_url(token))

    assert response.status_code == 404
    assert _without_tokens(response.text) == _without_tokens(known_missing.text)
    assert response["Cache-Control"] == "no-store"


def test_the_sequential_id_does_not_open_the_page(client, lan):
    assert client.get(_url(str(lan.pk))).status_code == 404
    assert client.get(_url(str(lan.grant_id))).status_code == 404


def test_the_page_switches_to_english(client, lan):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get(_url(lan.token))

    assert _facts(response.text) == [
        ("Recipient", "Nguyễn Thị Lan"),
        ("Award", "Certificate of Merit"),
        ("Decision number", "25/QĐ-UBND"),
        ("Decision date", "20/01/2021"),
    ]


def test_the_page_needs_no_login_and_only_answers_reads(client, lan):
    assert client.head(_url(lan.token)).status_code == 200
    assert client.post(_url(lan.token)).status_code == 405
