"""What a load-test user does besides clicking: log in as a browser does (the log-in form with
its CSRF token, then the second factor when the server asks for it: an authenticator code
computed from the account's TOTP key, RFC 6238), and fill the registration form as the phone
posts it. Used by benchmarks/load.py (the log-ins, once per run), benchmarks/locustfile.py and
tests/benchmarks_smoke. Plain ``requests``, no Django, no locust.
"""

import hashlib
import hmac
import re
import struct
import time
from urllib.parse import urljoin

import requests

LOGIN_PATH = "/accounts/login/"
DASHBOARD_PATH = "/dashboard/"
TOTP_STEP = 30  # seconds, django-otp's TOTPDevice default
_CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class LoginError(Exception):
    """The account could not log in; the message says at which step."""


def totp(key_hex: str, *, at: float | None = None, digits: int = 6) -> str:
    """The authenticator code of the hex ``key_hex`` at the Unix time ``at`` (default now)."""
    counter = int((time.time() if at is None else at) // TOTP_STEP)
    digest = hmac.new(bytes.fromhex(key_hex), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10**digits).zfill(digits)


def csrf_token(html: str) -> str:
    """The CSRF token of the first form of a page; raises ``LoginError`` when there is none."""
    found = _CSRF_FIELD.search(html)
    if found is None:
        raise LoginError("no CSRF token in the page")
    return found.group(1)


def login(
    base_url: str, username: str, password: str, *, totp_key: str | None = None
) -> dict[str, str]:
    """Log ``username`` in on the server at ``base_url``; returns the cookies of the session
    (``{"sessionid": …, "csrftoken": …}``) once the dashboard answers 200.

    When the server sends the user to the second-factor page, the code of ``totp_key`` is
    posted (a code is accepted once: if the server refuses it, the next one is tried when its
    time step comes). Raises ``LoginError`` at the step that failed."""
    session = requests.Session()
    page = session.get(urljoin(base_url, LOGIN_PATH), timeout=30)
    answer = session.post(
        page.url,
        data={
            "csrfmiddlewaretoken": csrf_token(page.text),
            "username": username,
            "password": password,
        },
        allow_redirects=False,
        timeout=60,
    )
    if answer.status_code != 302:
        raise LoginError(f"{username}: the log-in form answered {answer.status_code}")
    dashboard = urljoin(base_url, DASHBOARD_PATH)
    answer = session.get(dashboard, allow_redirects=False, timeout=30)
    if answer.status_code == 302 and "verify" in answer.headers.get("Location", ""):
        if not totp_key:
            raise LoginError(f"{username}: the server asks for a second factor; no TOTP key")
        _second_factor(session, urljoin(dashboard, answer.headers["Location"]), totp_key)
        answer = session.get(dashboard, allow_redirects=False, timeout=30)
    if answer.status_code != 200:
        raise LoginError(f"{username}: the dashboard answered {answer.status_code}")
    return session.cookies.get_dict()


def _second_factor(session: requests.Session, url: str, key: str) -> None:
    for attempt in range(2):
        page = session.get(url, timeout=30)
        answer = session.post(
            url,
            data={"csrfmiddlewaretoken": csrf_token(page.text), "code": totp(key)},
            allow_redirects=False,
            timeout=30,
        )
        if answer.status_code == 302:
            return
        if attempt == 0:  # this step's code was used already: wait for the next one
            time.sleep(TOTP_STEP - time.time() % TOTP_STEP + 1)
    raise LoginError(f"the second-factor page answered {answer.status_code}")


FORM_FIELDS = (
    "kind",
    "collective",
    "person",
    "person_name",
    "birth_year",
    "position",
    "award",
    "initiative_name",
    "model_name",
)


def autosave_fields(officer: dict, *, csrf: str, version: str, saves: int) -> list[tuple[str, str]]:
    """The fields of the registration form the autosave posts (registration-form.js sends them as
    a JSON object): the officer's ward as a collective (Advanced Collective), then up to five of
    its people, the first one for Grassroots Emulation Fighter with an initiative whose name
    changes with ``saves`` (what he is typing), the others for Advanced Worker. ``officer`` is an
    entry of load.py's targets: ``{"unit": id, "people": [[id, full name], …], …}``."""
    lines = [{"kind": "collective", "collective": officer["unit"], "award": "advanced_collective"}]
    for n, (person, name) in enumerate(officer["people"][:5]):
        line = {"kind": "individual", "person": person, "person_name": name}
        if n == 0:
            line["award"] = "emulation_fighter_grassroots"
            line["initiative_name"] = f"Số hóa hồ sơ một cửa – bản {saves}"
        else:
            line["award"] = "advanced_worker"
        lines.append(line)
    fields = [
        ("csrfmiddlewaretoken", csrf),
        ("version", version),
        ("entries-TOTAL_FORMS", str(len(lines))),
        ("entries-INITIAL_FORMS", str(len(lines))),
        ("entries-MIN_NUM_FORMS", "0"),
        ("entries-MAX_NUM_FORMS", "5000"),
    ]
    for index, line in enumerate(lines):
        fields += [(f"entries-{index}-{name}", str(line.get(name, ""))) for name in FORM_FIELDS]
    return fields
