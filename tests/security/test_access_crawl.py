"""The access-control crawl (issue #10): every URL pattern of the project, for every role of
council A, asked (GET and POST) for the objects of council B, and, for the roles that act for
one unit, for the objects of another unit of their own council (w3, in the other cluster).

The patterns come from the URL resolver, so a new URL is crawled as soon as it exists: its
keyword arguments are filled from ``OBJECT_KWARGS`` / ``PK_OBJECTS`` / ``TOKEN_OBJECTS`` /
``VALUE_KWARGS``, and a pattern the crawl cannot fill fails ``test_url_pattern_is_crawled``
with what to add. Public pages are listed in ``EXCLUDED`` with the reason.

What must hold (tests/security/world.py builds the two councils):

- a URL naming another council's (or another unit's) object answers 403 or 404 (405 where the
  view takes only the other method, which is then checked; the anonymous visitor may also be
  sent to the login page, or get 401 from a JSON endpoint), and neither the body nor the
  headers hold the other side's marked texts;
- a URL naming no object (a list, a dashboard, a form to create something) never shows the
  other side's texts, with or without query parameters naming the other side's objects; the
  anonymous visitor is always refused;
- pages that take the object in the query string (``QUERY_TARGETS``) refuse the other side's
  object with 403 or 404; an export asked for with the other side's object in its parameters
  is refused or renders nothing of the other side;
- after every POST, what council B stores is unchanged (and what w3 owns, after a unit role's
  POST; and what council A stores, after an outsider's POST).
"""

import datetime
import html
import io
import itertools
import json
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.text import slugify

import reports.exporters  # noqa: F401 - registers every exporter (kinds of reports:job_new)
from common.text import search_key
from notifications.models import Notification
from reports.models import ExportJob
from reports.registry import all_exporters, exporter_of
from tests.security.world import (
    MARK_B,
    MARK_C,
    MARK_D,
    PEER_KEYS,
    PRIVATE_KEYS,
    ROLES,
    UNIT_ROLES,
    fingerprint,
    private_fingerprint,
    unit_fingerprint,
)
from tests.uploads import pdf_bytes, uploaded, xlsx_bytes

pytestmark = pytest.mark.django_db

# --- Which patterns are crawled ----------------------------------------------------------------

EXCLUDED_PREFIXES = {
    "admin/": "the Django admin: staff only, each page guarded by the admin's model permissions",
    "i18n/": "the language switch: sets a cookie, shows no data",
    "static/": "static files: no data",
    "media/": "never served: downloads go through permission-checked views",
}
EXCLUDED = {
    "home": "a redirect to the dashboard, which is crawled",
    "login": "public: the login form",
    "logout": "ends the session (POST); shows no data",
    "password_reset": "public: asks for a reset mail and says the same whatever the address",
    "password_reset_done": "public: a fixed message",
    "password_reset_confirm": "public: the reset link's signed token is the credential",
    "password_reset_complete": "public: a fixed message",
    "dossiers:public": "public by design (Law Art. 84.5): a round's nominee list behind its "
    "unguessable token, during the disclosure window only (tests/dossiers)",
    "certificates:verify": "public by design: a certificate's five facts behind the unguessable "
    "token of its QR code (tests/certificates)",
    "reminders:calendar_feed": "the unguessable calendar key is the credential (a phone fetches "
    "it without logging in); an unknown or revoked key is a 404 (tests/reminders)",
    "healthz": "public: the load balancer's health check, no data",
}

# Keyword → the kind of object it names (a key of ``Side.objects``).
OBJECT_KWARGS = {
    "round_pk": "round",
    "window_pk": "window",
    "unit_pk": "unit",
    "cluster_pk": "cluster",
    "campaign_pk": "campaign",
    "plan_pk": "plan",
    "nomination_pk": "nomination",
    "attachment_pk": "attachment",
}
# ``pk`` names a different kind of object on each page.
PK_OBJECTS = {
    **dict.fromkeys(
        ("awards:lookup_person", "awards:lookup_person_pdf", "awards:lookup_person_xlsx"),
        "person",
    ),
    **dict.fromkeys(
        (
            "awards:lookup_unit",
            "awards:lookup_unit_pdf",
            "awards:lookup_unit_xlsx",
            "organizations:unit_detail",
        ),
        "unit",
    ),
    **dict.fromkeys(
        (
            "campaigns:acclamation",
            "campaigns:cluster_detail",
            "campaigns:cluster_document_upload",
            "campaigns:cluster_edit",
            "campaigns:cluster_election",
            "campaigns:scoring_assign",
            "campaigns:scoring_close",
            "campaigns:scoring_overview",
            "campaigns:scoring_scale",
        ),
        "cluster",
    ),
    **dict.fromkeys(
        (
            "campaigns:campaign_detail",
            "campaigns:campaign_document_upload",
            "campaigns:campaign_edit",
            "campaigns:campaign_launch",
        ),
        "campaign",
    ),
    "campaigns:campaign_document_download": "campaign_document",
    "campaigns:cluster_document_download": "cluster_document",
    "campaigns:sheet_fill": "sheet",
    **dict.fromkeys(
        (
            "dossiers:act",
            "dossiers:appraisal",
            "dossiers:appraisal_save",
            "dossiers:appraise",
            "dossiers:attachment_upload",
            "dossiers:detail",
            "dossiers:edit",
            "dossiers:nomination_delete",
            "dossiers:nomination_edit",
            "dossiers:nominees_docx",
            "dossiers:nominees_pdf",
            "dossiers:proposal_docx",
            "dossiers:proposal_pdf",
            "dossiers:return",
            "dossiers:take",
            "dossiers:versions",
        ),
        "dossier",
    ),
    "dossiers:decision_detail": "decision",
    "dossiers:decision_pdf": "decision",
    "dossiers:grant_revoke": "grant",
    "dossiers:round_detail": "round",
    "dossiers:round_edit": "round",
    **dict.fromkeys(
        (
            "dossiers:session_close",
            "dossiers:session_detail",
            "dossiers:session_minutes",
            "dossiers:session_votes",
        ),
        "session",
    ),
    **dict.fromkeys(
        (
            "plans:plan_copy",
            "plans:plan_detail",
            "plans:plan_edit",
            "plans:plan_issue",
            "plans:plan_pdf",
            "plans:plan_pdf_render",
            "plans:plan_pdf_status",
            "reminders:plan_offsets",
        ),
        "plan",
    ),
    "plans:plan_review": "plan_import",
    **dict.fromkeys(
        (
            "registrations:autosave",
            "registrations:check_line",
            "registrations:detail",
            "registrations:edit",
            "registrations:import",
            "registrations:import_preview",
            "registrations:import_template",
            "registrations:people",
            "registrations:review",
            "registrations:submit",
        ),
        "registration",
    ),
    **dict.fromkeys(
        (
            "registrations:consolidate",
            "registrations:list_export",
            "registrations:list_extension",
            "registrations:list_review",
            "registrations:list_submit",
        ),
        "cluster_list",
    ),
    "registrations:export_download": "registration_export",
    "registrations:export_status": "registration_export",
    **dict.fromkeys(
        (
            "registrations:overview",
            "registrations:overview_export",
            "registrations:window_deadline",
        ),
        "window",
    ),
    "reminders:council": "council",
    "reminders:deadline": "deadline",
    "reminders:deadline_offsets": "deadline",
    "reminders:proof_download": "proof",
    **dict.fromkeys(
        ("reminders:target", "reminders:target_done", "reminders:target_reopen"), "target"
    ),
    **dict.fromkeys(("reports:job_detail", "reports:job_download", "reports:job_status"), "job"),
}
# ``token`` names a pending upload of the user's session on these pages.
TOKEN_OBJECTS = {
    "awards:import_preview": "history_token",
    "awards:import_done": "history_token",
    "registrations:import_preview": "registration_token",
}
# Keywords that name no object: every value is crawled.
VALUE_KWARGS = {"action": ("submit", "withdraw"), "fmt": ("xlsx", "pdf")}
# The export jobs: one pattern, a kind and a format from the exporters' registry.
JOB_NEW = "reports:job_new"

# Pages that take the object they show in the query string: ``?<key>=<id>`` of the other
# side must be refused (403 or 404) like a URL keyword.
QUERY_TARGETS = {
    "reports:summary_page": ("council", "cluster", "unit"),
    "reports:statutory_page": ("council",),
    "campaigns:campaign_create": ("council",),
    "campaigns:cluster_create": ("council",),
}
# List pages whose query string chooses what they list: each of these is crawled too.
EXTRA_QUERIES = {
    "reminders:outbox": ({"tab": "digests"}, {"tab": "mail"}, {"tab": "mail", "status": "failed"}),
    "reminders:list": ({"period": "all"}, {"period": "all", "state": "done"}),
    "dossiers:queue": ({"status": "submitted"}, {"status": "issued"}),
    "reports:summary_page": ({"year": timezone.localdate().year},),
}
# The parameters each export takes that name an object (``assignee`` is a user).
JOB_PARAMS = {
    "certificates": ("decision",),
    "dossiers": ("round", "assignee"),
    "grants": ("unit", "decision"),
    "people": ("unit",),
    "units": ("under",),
    "registrations": ("window", "cluster", "unit"),
    "summary": ("council", "cluster", "unit"),
}
STATUTORY_PARAMS = ("council",)
ALL_JOB_PARAMS = ("council", "unit", "under", "round", "window", "cluster", "decision", "assignee")
PARAM_OBJECTS = {"under": "unit"}  # parameter → kind of object, when not the same word


@dataclass(frozen=True)
class Pattern:
    """One URL pattern: its name ("dossiers:detail"), its route and its keywords."""

    name: str
    route: str
    kwargs: tuple[str, ...]

    def excluded(self) -> str | None:
        """Why the crawl leaves it out, or None."""
        for prefix, reason in EXCLUDED_PREFIXES.items():
            if self.route.startswith(prefix):
                return reason
        return EXCLUDED.get(self.name)

    def unfilled(self) -> list[str]:
        """The keywords the crawl does not know how to fill."""
        if self.name == JOB_NEW:
            return []
        missing = []
        for kwarg in self.kwargs:
            known = (
                kwarg in OBJECT_KWARGS
                or kwarg in VALUE_KWARGS
                or (kwarg == "pk" and self.name in PK_OBJECTS)
                or (kwarg == "token" and self.name in TOKEN_OBJECTS)
            )
            if not known:
                missing.append(kwarg)
        return missing

    def object_kwargs(self) -> dict[str, str]:
        """Keyword → kind of object, for the keywords that name one."""
        found = {}
        for kwarg in self.kwargs:
            if kwarg in OBJECT_KWARGS:
                found[kwarg] = OBJECT_KWARGS[kwarg]
            elif kwarg == "pk":
                found[kwarg] = PK_OBJECTS[self.name]
            elif kwarg == "token":
                found[kwarg] = TOKEN_OBJECTS[self.name]
        return found

    def value_variants(self) -> list[dict[str, str]]:
        """Every combination of the keywords that name no object."""
        names = [kwarg for kwarg in self.kwargs if kwarg in VALUE_KWARGS]
        return [
            dict(zip(names, values, strict=True))
            for values in itertools.product(*(VALUE_KWARGS[n] for n in names))
        ]


def _walk(resolver, prefix: str = "", namespace: str = "", kwargs: tuple = ()):
    for entry in resolver.url_patterns:
        converters = _kwargs_of(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry, prefix + str(entry.pattern), inner, kwargs + converters)
        elif isinstance(entry, URLPattern):
            name = entry.name or ""
            if name and namespace:
                name = f"{namespace}:{name}"
            yield Pattern(name, prefix + str(entry.pattern), kwargs + converters)


def _kwargs_of(pattern) -> tuple[str, ...]:
    converters = getattr(pattern, "converters", None)
    if converters is not None:
        return tuple(converters)
    return tuple(pattern.regex.groupindex)


PATTERNS = sorted(_walk(get_resolver()), key=lambda p: (p.name, p.route))
CRAWLED = [p for p in PATTERNS if p.excluded() is None]


# --- The cases ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One request of the crawl: ``role`` asks for ``pattern`` with ``method``.

    ``target`` says whose objects fill its keywords: "B" council B's; "C" w3's (for the unit
    roles); "D" w1's (for the officer of w2, a member of w1's cluster); "B@<kwarg>" that
    keyword council B's and the others council A's own. ``values`` fills the keywords that
    name no object. ``kind`` is "object" (keywords naming objects), "list" (none; ``param``
    may hold a query string), "list?B" (a query naming council B's objects), "query" (the
    query parameter ``param`` names the target's object) or "job" (an export asked for with
    the parameter ``param`` naming the target's object)."""

    role: str
    pattern: Pattern
    method: str
    target: str = "B"
    values: tuple = ()
    kind: str = "object"
    param: str = ""

    @property
    def id(self) -> str:
        values = ",".join(f"{k}={v}" for k, v in self.values)
        name = self.pattern.name + (f"[{values}]" if values else "")
        extra = f"?{self.param}" if self.param else ""
        return f"{self.role}-{name}{extra}-{self.target}-{self.kind}-{self.method}"


def _object_cases() -> list[Case]:
    cases = []
    for pattern in CRAWLED:
        if pattern.name == JOB_NEW or pattern.unfilled() or not pattern.object_kwargs():
            continue
        keys = pattern.object_kwargs()
        targets = [("B", ROLES)]
        if set(keys.values()) & set(PRIVATE_KEYS):
            targets.append(("C", UNIT_ROLES))
        if set(keys.values()) & set(PEER_KEYS):
            targets.append(("D", ("unit_officer",)))
        if len(keys) > 1:
            targets += [(f"B@{kwarg}", ROLES[1:]) for kwarg in keys]
        for values in pattern.value_variants():
            for (target, roles), method in itertools.product(targets, ("GET", "POST")):
                cases += [
                    Case(role, pattern, method, target, tuple(values.items())) for role in roles
                ]
    return cases


def _list_cases() -> list[Case]:
    cases = []
    for pattern in CRAWLED:
        if pattern.kwargs or pattern.unfilled():
            continue
        for role in ROLES:
            cases += [
                Case(role, pattern, "GET", kind="list"),
                Case(role, pattern, "POST", kind="list"),
            ]
            if role != "anonymous":
                cases.append(Case(role, pattern, "GET", kind="list?B"))
                for query in EXTRA_QUERIES.get(pattern.name, ()):
                    param = "&".join(f"{key}={value}" for key, value in query.items())
                    cases.append(Case(role, pattern, "GET", kind="list", param=param))
            for param in QUERY_TARGETS.get(pattern.name, ()):
                cases.append(Case(role, pattern, "GET", "B", kind="query", param=param))
                if role in UNIT_ROLES and param in PRIVATE_KEYS:
                    cases.append(Case(role, pattern, "GET", "C", kind="query", param=param))
    return cases


def _job_cases() -> list[Case]:
    patterns = [p for p in CRAWLED if p.name == JOB_NEW]
    cases = []
    for pattern, exporter, role in itertools.product(patterns, all_exporters(), ROLES):
        if exporter.kind.startswith("statutory_"):
            params = STATUTORY_PARAMS
        else:
            params = JOB_PARAMS.get(exporter.kind, ALL_JOB_PARAMS)
        values = (("kind", exporter.kind), ("fmt", exporter.formats[0]))
        for param in params:
            cases.append(Case(role, pattern, "POST", "B", values, kind="job", param=param))
            if role in UNIT_ROLES and PARAM_OBJECTS.get(param, param) in PRIVATE_KEYS:
                cases.append(Case(role, pattern, "POST", "C", values, kind="job", param=param))
    for pattern, role in itertools.product(patterns, ROLES):
        exporter = all_exporters()[0]
        values = (("kind", exporter.kind), ("fmt", exporter.formats[0]))
        cases.append(Case(role, pattern, "GET", "B", values, kind="job"))
    return cases


CASES = _object_cases() + _list_cases() + _job_cases()


# --- Fixtures and helpers ----------------------------------------------------------------------


def own_uploads(world, clients: dict[str, Client]) -> None:
    """Council A's pending Excel uploads kept in its users' own sessions, as an upload leaves
    them: the secretariat's award history and the unit officer's registration lines (scoped to
    w2's registration). The world's tokens of side A are replaced by these, so that a URL
    mixing council B's registration with the officer's own token is a real attempt."""
    from awards.imports.storage import HISTORY_UPLOADS
    from common.imports.storage import pending_import_store
    from registrations.imports.storage import REGISTRATION_UPLOADS

    for role, namespace, key, scope in (
        ("secretariat", HISTORY_UPLOADS, "history_token", None),
        (
            "unit_officer",
            REGISTRATION_UPLOADS,
            "registration_token",
            world.a.objects["registration"].pk,
        ),
    ):
        session = clients[role].session
        world.a.objects[key] = pending_import_store(
            namespace=namespace,
            session=session,
            user=world.a.users[role],
            data=xlsx_bytes(),
            rows=[],
            file_name="tai-len.xlsx",
            scope=scope,
        )
        session.save()


def logged_in_clients(security_world) -> dict[str, Client]:
    """A client per role, logged in once for the module (anonymous: not logged in)."""
    made = {}
    for role in ROLES:
        client = Client()
        user = security_world.user(role)
        if user is not None:
            client.force_login(user)
        made[role] = client
    return made


def stored_data(security_world) -> dict[str, dict]:
    """What each side stores before any request of the crawl."""
    return {
        "B": fingerprint(security_world.b),
        "A": fingerprint(security_world.a),
        "C": private_fingerprint(security_world.a),
        "D": unit_fingerprint(security_world.a, "w1"),
    }


# (role, pattern name, target, values) → {method: status}, for the 405 check at the end.
STATUSES: dict[tuple, dict[str, int]] = {}


def _side_object(world, target: str, key: str, kwarg: str | None = None):
    """The object of kind ``key`` for ``target`` ("B", "C", "D" or "B@<kwarg>")."""
    if target == "B" or (target.startswith("B@") and target == f"B@{kwarg}"):
        return world.b.objects[key]
    if target == "C":
        return world.a.private.get(key, world.a.objects[key])
    if target == "D":
        return world.a.peer.get(key, world.a.objects[key])
    return world.a.objects[key]


def _plain(value):
    return value if isinstance(value, str) else value.pk


def url_of(world, case: Case) -> str:
    """The URL of ``case``, its keywords filled."""
    kwargs = dict(case.values)
    for kwarg, key in case.pattern.object_kwargs().items():
        kwargs[kwarg] = _plain(_side_object(world, case.target, key, kwarg))
    return reverse(case.pattern.name, kwargs=kwargs)


def _day(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).strftime("%d/%m/%Y")


def generic_query(world) -> dict:
    """Query parameters naming council B's objects, as list pages' filters take them."""
    b = world.b.objects
    return {
        "council": b["council"].pk,
        "unit": b["unit"].pk,
        "under": b["unit"].pk,
        "round": b["round"].pk,
        "window": b["window"].pk,
        "campaign": b["campaign"].pk,
        "plan": b["plan"].pk,
        "decision": b["decision"].pk,
    }


def form_fields(world, target: str) -> dict:
    """Plausible form data for every form of the project, naming council B's objects (or,
    for target "C", w3's, for "D", w1's) wherever a form takes an object: a refused request
    must change nothing anyway. Files are added per request (``post_data``)."""
    side = world.b if target == "B" else world.a
    owned = {"B": {}, "C": world.a.private, "D": world.a.peer}[target]
    objects = world.b.objects if target == "B" else {**world.a.objects, **owned}
    wards = [unit.pk for unit in side.wards.values()]
    nomination, sheet = objects["nomination"], objects["sheet"]
    criteria = list(sheet.cluster.criteria.values_list("pk", flat=True))
    entries = list(objects["registration"].entries.values_list("pk", flat=True))
    notifications = Notification.objects.filter(user__in=side.user_ids)
    data = {
        "reason": "Thử truy cập trái phép",
        "note": "Thử truy cập trái phép",
        "detail": "Thử truy cập trái phép",
        "decision": "accept",
        "confirm": "1",
        "until": _day(30),
        "closes_on": _day(30),
        "opens_on": _day(-1),
        "on": _day(0),
        "held_on": _day(0),
        "date": _day(0),
        "due_date": _day(30),
        "offsets": "-1d",
        "counting": "working",
        "mode": "full",
        "name": "Thử",
        "title": "Thử",
        "number": "99/TT",
        "year": timezone.localdate().year,
        "assignee": side.users["secretariat"].pk,
        "id": [str(pk) for pk in notifications.values_list("pk", flat=True)],
        "council": side.council.pk,
        "unit": objects["unit"].pk,
        "units": wards,
        "members": wards,
        "participants": wards,
        "present": wards,
        "leader": wards[0],
        "deputy": wards[1],
        "round": objects["round"].pk,
        "window": objects["window"].pk,
        "dossiers": [objects["dossier"].pk],
        "nominations": [nomination.pk],
        "nominee": objects["person"].pk,
        "award": "advanced_worker",
        "save": "1",
        "submit": "1",
        "round_robin": "1",
        "peers": "1",
        "pair": f"{wards[0]}-{wards[1]}",
        "manual": "1",
        f"verdict_{nomination.pk}": "eligible",
        f"reason_{nomination.pk}": "",
        f"comment_n_{nomination.pk}": "Thử",
        f"{nomination.pk}-yes": "5",
        **{f"points_{pk}": "10" for pk in criteria},
        **{f"evidence_{pk}": "Thử" for pk in criteria},
        **{f"note-{pk}": "Thử" for pk in entries},
    }
    for prefix in ("entries", "criteria", "sections", "schedule", "deadlines"):
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    return data


def post_data(crawl: "Crawl", case: Case) -> dict:
    """``form_fields`` of the case's target with fresh uploads (a file field of any form)."""
    return {
        **crawl.forms[case.target if case.target in ("C", "D") else "B"],
        "file": uploaded("bao-cao.pdf", crawl.files["pdf"], "application/pdf"),
        "document": uploaded("ke-hoach.pdf", crawl.files["pdf"], "application/pdf"),
        "workbook": uploaded("dang-ky.xlsx", crawl.files["xlsx"]),
    }


def job_data(world, case: Case) -> dict:
    """An export's parameters: this year, and ``case.param`` naming the target's object."""
    side_objects = world.b.objects if case.target == "B" else world.a.private
    data = {"year": timezone.localdate().year}
    if case.param == "assignee":
        data["assignee"] = (world.b if case.target == "B" else world.a).users["secretariat"].pk
    elif case.param:
        key = PARAM_OBJECTS.get(case.param, case.param)
        data[case.param] = _plain(side_objects.get(key) or world.b.objects[key])
    return data


def content_of(response) -> bytes:
    """The body, read from a streamed response too (reading it to the end closes it: the test
    client's wrapper does, without closing the test's database connection as a second
    ``response.close()`` would)."""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _variants(mark: str) -> set[str]:
    folded = search_key(mark)
    return {
        mark.lower(),
        json.dumps(mark)[1:-1].lower(),
        html.escape(mark).lower(),
        quote(mark).lower(),
        folded,
        slugify(folded),
    }


VARIANTS = {mark: _variants(mark) for mark in (MARK_B, MARK_C, MARK_D)}


def leaks(text: str, marks) -> list[str]:
    """Which of ``marks`` (in any of its encodings) ``text`` holds."""
    lowered = text.lower()
    return [mark for mark in marks if any(v in lowered for v in VARIANTS[mark])]


def shown(response) -> str:
    """What a response shows: its headers and its body."""
    headers = "\n".join(f"{name}: {value}" for name, value in response.items())
    return headers + "\n" + content_of(response).decode("utf-8", "replace")


def is_login_redirect(response) -> bool:
    if response.status_code not in (301, 302, 303):
        return False
    return urlsplit(response["Location"]).path == reverse("login")


def refused(response, role: str) -> bool:
    """403, 404, 405; for the anonymous visitor also 401 or the login page."""
    if response.status_code in (403, 404, 405):
        return True
    return role == "anonymous" and (response.status_code == 401 or is_login_redirect(response))


# The page of each kind of object: a link to another side's object must not appear either
# (a list that leaks a row may show only unmarked words, never the row's link).
DETAIL_URLS = {
    "unit": "organizations:unit_detail",
    "person": "awards:lookup_person",
    "plan": "plans:plan_detail",
    "plan_import": "plans:plan_review",
    "campaign": "campaigns:campaign_detail",
    "campaign_document": "campaigns:campaign_document_download",
    "cluster": "campaigns:cluster_detail",
    "cluster_document": "campaigns:cluster_document_download",
    "sheet": "campaigns:sheet_fill",
    "window": "registrations:overview",
    "registration": "registrations:detail",
    "registration_export": "registrations:export_download",
    "round": "dossiers:round_detail",
    "dossier": "dossiers:detail",
    "attachment": "dossiers:attachment_download",
    "session": "dossiers:session_detail",
    "decision": "dossiers:decision_detail",
    "grant": "dossiers:grant_revoke",
    "deadline": "reminders:deadline",
    "target": "reminders:target",
    "proof": "reminders:proof_download",
    "council": "reminders:council",
    "job": "reports:job_detail",
}


def object_pages(security_world) -> dict[str, list[str]]:
    """The pages of council B's objects ("B"), of w3's own ones ("C") and w1's ("D")."""

    def pages(objects: dict) -> list[str]:
        return [
            reverse(name, args=[objects[key].pk])
            for key, name in DETAIL_URLS.items()
            if key in objects
        ]

    return {
        "B": pages(security_world.b.objects),
        "C": pages(security_world.a.private),
        "D": pages(security_world.a.peer),
    }


def linked(text: str, links: dict, case: Case, asked: str) -> list[str]:
    """The other side's pages ``text`` links to (``href="/dossiers/7/"``, ``"url": …``),
    but the page asked for (the 404 page's language switch comes back to it)."""
    sides = {"unit_officer": ("B", "C", "D"), "cluster_leader": ("B", "C")}.get(case.role, ("B",))
    return [url for side in sides for url in links[side] if url != asked and f'"{url}"' in text]


def marks_for(case: Case) -> tuple[str, ...]:
    """The marked texts the response must not hold: council B's always; w3's for the roles
    that act for another unit of council A; w1's for the officer of w2 (same cluster)."""
    return {"unit_officer": (MARK_B, MARK_C, MARK_D), "cluster_leader": (MARK_B, MARK_C)}.get(
        case.role, (MARK_B,)
    )


def send(client: Client, method: str, url: str, data=None):
    client.cookies.pop("messages", None)  # a message left by the previous case
    if method == "GET":
        return client.get(url, data or {})
    return client.post(url, data or {})


def _changed(before: dict, after: dict) -> list[str]:
    return [name for name in before if before[name] != after[name]]


WRITES = ("insert", "update", "delete", "replace")
# Tables a refused request may write to: the journal of refused requests and logins, and the
# session. A write anywhere else is checked against the fingerprints.
JOURNALS = ("security_securityevent", "axes_", "django_session")


def writes(queries: CaptureQueriesContext) -> list[str]:
    """The statements of ``queries`` that wrote to the project's data."""
    found = []
    for query in queries.captured_queries:
        sql = query["sql"].lstrip().lower()
        if sql.startswith(WRITES) and not any(
            f'"{table}' in sql[:80] or f" {table}" in sql[:80] for table in JOURNALS
        ):
            found.append(query["sql"])
    return found


def assert_unchanged(world, stored: dict, case: Case, where: str) -> None:
    """Council B's data (and w3's after a unit role, and council A's after an outsider) is
    what it was before the crawl."""
    checks = [("council B", "B", lambda: fingerprint(world.b))]
    if case.role in UNIT_ROLES:
        checks.append(("unit w3 of council A", "C", lambda: private_fingerprint(world.a)))
    if case.role == "unit_officer":
        checks.append(("unit w1 of council A", "D", lambda: unit_fingerprint(world.a, "w1")))
    if case.role in ("anonymous", "no_membership"):
        checks.append(("council A", "A", lambda: fingerprint(world.a)))
    for label, key, read in checks:
        changed = _changed(stored[key], read())
        assert not changed, f"{where} changed {label}'s {', '.join(changed)}"


def rendered_text(job: ExportJob, user) -> str:
    """What the export's file holds, as text (CSV or Excel cells or PDF text), with its title."""
    exporter = exporter_of(job.kind)
    fmt = next(f for f in ("csv", "xlsx", "pdf") if f in exporter.formats)
    out = io.BytesIO()
    params = exporter.authorize(user, job.params)
    exporter.render(user=user, params=params, fmt=fmt, out=out, progress=lambda *args: None)
    content = out.getvalue()
    if fmt == "csv":
        text = content.decode("utf-8-sig", "replace")
    elif fmt == "xlsx":
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(content), read_only=True)
        text = "\n".join(
            str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
        )
    else:
        from pypdf import PdfReader

        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return f"{job.title}\n{job.filename}\n{text}"


@dataclass
class Crawl:
    """What every case needs, made once per module: the world, a logged-in client per role,
    what each side stores (``stored_data``), the form data per target (``form_fields``), the
    files uploaded, and the pages of the other side's objects (``object_pages``)."""

    world: object
    clients: dict[str, Client]
    stored: dict[str, dict]
    forms: dict[str, dict]
    files: dict[str, bytes]
    links: dict[str, list[str]]


@pytest.fixture(scope="module")
def crawl(security_world) -> Crawl:
    clients = logged_in_clients(security_world)
    own_uploads(security_world, clients)
    return Crawl(
        world=security_world,
        clients=clients,
        stored=stored_data(security_world),
        forms={target: form_fields(security_world, target) for target in ("B", "C", "D")},
        files={"pdf": pdf_bytes(), "xlsx": xlsx_bytes()},
        links=object_pages(security_world),
    )


# --- The tests ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "pattern", [p for p in PATTERNS if p.excluded() is None], ids=lambda p: p.name or p.route
)
def test_url_pattern_is_crawled(pattern):
    """Every URL pattern is crawled, or excluded with a reason: a new URL whose keywords the
    crawl cannot fill fails here until its mapping is added."""
    assert pattern.name, (
        f"The URL pattern {pattern.route!r} has no name: name it, so that the access crawl "
        "(tests/security/test_access_crawl.py) can reverse it."
    )
    missing = pattern.unfilled()
    assert not missing, (
        f"The access crawl cannot fill {missing} of {pattern.name} ({pattern.route!r}). Add "
        "to tests/security/test_access_crawl.py: the kind of object each keyword names "
        "(PK_OBJECTS for 'pk', TOKEN_OBJECTS for 'token', OBJECT_KWARGS for another keyword "
        "naming an object, VALUE_KWARGS for a keyword naming none), and build that object in "
        "tests/security/world.py; or, for a public page, EXCLUDED with the reason."
    )


def test_exclusions_name_existing_urls():
    """Every exclusion still names a URL of the project (a stale one hides nothing)."""
    names = {p.name for p in PATTERNS}
    assert set(EXCLUDED) - names <= {"healthz"}
    assert set(PK_OBJECTS) <= names
    assert set(TOKEN_OBJECTS) <= names
    assert set(QUERY_TARGETS) <= names


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_other_sides_objects_are_refused(case, crawl):
    world, client = crawl.world, crawl.clients[case.role]
    where = f"{case.method} {case.pattern.name} as {case.role} ({case.target}, {case.kind})"
    new_jobs = ExportJob.objects.none()
    with CaptureQueriesContext(connection) as queries:
        if case.kind == "object":
            url = url_of(world, case)
            data = post_data(crawl, case) if case.method == "POST" else None
            response = send(client, case.method, url, data)
            key = (case.role, case.pattern.name, case.target, case.values)
            STATUSES.setdefault(key, {})[case.method] = response.status_code
            assert refused(response, case.role), (
                f"{where}: {url} answered {response.status_code}, not 403/404"
                + (f" (to {response['Location']})" if response.has_header("Location") else "")
            )
        elif case.kind == "job":
            url = reverse(case.pattern.name, kwargs=dict(case.values))
            before = list(ExportJob.objects.values_list("pk", flat=True))
            data = job_data(world, case) if case.method == "POST" else None
            response = send(client, case.method, url, data)
            if case.role == "anonymous":
                assert refused(response, case.role), f"{where}: {response.status_code}"
            new_jobs = ExportJob.objects.exclude(pk__in=before)
        elif case.kind == "query":
            url = reverse(case.pattern.name)
            objects = world.b.objects if case.target == "B" else world.a.private
            response = send(client, "GET", url, {case.param: objects[case.param].pk})
            assert refused(response, case.role), (
                f"{where}: ?{case.param}= answered {response.status_code}, not 403/404"
            )
        else:
            url = reverse(case.pattern.name)
            data = None
            if case.method == "POST":
                data = post_data(crawl, case)
            elif case.kind == "list?B":
                data = generic_query(world)
            elif case.param:
                data = dict(pair.split("=", 1) for pair in case.param.split("&"))
            response = send(client, case.method, url, data)
            if case.role == "anonymous":
                assert refused(response, case.role), (
                    f"{where}: the anonymous visitor got {response.status_code}"
                )
        page = shown(response)
    found = leaks(page, marks_for(case))
    assert not found, f"{where}: the response shows {found}"
    found = linked(page, crawl.links, case, urlsplit(url).path)
    assert not found, f"{where}: the response links to {found}"
    for job in new_jobs:
        found = leaks(rendered_text(job, world.user(case.role)), marks_for(case))
        assert not found, f"{where} with {data}: the export holds {found}"
    if writes(queries):  # nothing written, nothing changed: the fingerprints are slow
        assert_unchanged(world, crawl.stored, case, where)


def test_405_is_never_the_only_answer():
    """A pattern refused with 405 for one method was checked with the other one."""
    only_405 = [key for key, statuses in STATUSES.items() if set(statuses.values()) == {405}]
    assert not only_405, f"Refused only with 405, never checked: {only_405}"


def test_admin_site_shows_staff_nothing_of_other_councils(crawl):
    """The Django admin is left out of the crawl; the administrator role (a staff user, not a
    superuser) may open it, and is refused every list of it or sees nothing of council B."""
    from django.contrib import admin

    client = crawl.clients["admin"]
    for model in admin.site._registry:
        meta = model._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        response = send(client, "GET", url)
        assert response.status_code in (302, 403) or not leaks(shown(response), (MARK_B,)), (
            f"The admin list {url} shows council B's data to council A's administrator"
        )


# Patterns no role of council A reaches with its own objects in the crawl's world, and why:
# their refusal of the other side's objects is still crawled, but proves less.
UNREACHABLE_OWN = {
    "awards:import_done": "the result page of an import saved in the same session",
}


def test_own_objects_are_reachable(crawl):
    """The control of the crawl: with council A's own objects in its keywords, every pattern
    answers at least one role of council A with something else than 403, 404 or 405 (GET,
    else POST). A crawl whose keywords named the wrong objects would be refused everywhere
    and prove nothing."""
    roles = ("secretariat", "unit_officer", "cluster_leader", "council_member", "admin")
    unreachable = []
    for pattern in CRAWLED:
        if pattern.name == JOB_NEW or pattern.unfilled() or not pattern.object_kwargs():
            continue
        if pattern.name in UNREACHABLE_OWN:
            continue
        case = Case("secretariat", pattern, "GET", "A", tuple(pattern.value_variants()[0].items()))
        url = url_of(crawl.world, case)
        answers = []
        for role, method in itertools.product(roles, ("GET", "POST")):
            data = post_data(crawl, case) if method == "POST" else None
            with transaction.atomic():
                response = send(crawl.clients[role], method, url, data)
                content_of(response)
                transaction.set_rollback(True)
            answers.append(f"{role} {method} {response.status_code}")
            if response.status_code not in (403, 404, 405):
                break
        else:
            unreachable.append(f"{pattern.name} ({url}): {', '.join(answers)}")
    assert not unreachable, "Refused to every role of its own council:\n" + "\n".join(unreachable)
