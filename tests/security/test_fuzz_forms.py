"""Property-based tests (hypothesis) on every form of the project and on its main POST pages:
no input makes a 500, and a refused submission leaves the stored data as it was.

1. Every form class of the project's apps (found by importing their modules, so a new form is
   covered as soon as it exists) is filled with drawn data (``tests/security/fuzz_data.py``):
   validating it, rendering it and calling what the views call after validation raises
   nothing. A form that needs keyword arguments must have them in ``FORM_KWARGS``.
2. The main POST pages, as the user allowed to use them, get drawn data for the forms the page
   shows (read from the page itself, so a new field is fuzzed too): the answer is never a
   server error, and when it is a refusal (4xx, the form back with errors, or a redirect
   with an error message), every table of the project reads as before.
3. The list and search pages get drawn query strings: never a server error.

Each drawn example runs in a savepoint rolled back afterwards, on the demo world of
``tests/security/fuzz_world.py``. ``TDKT_FUZZ_PROFILE=ci`` draws more examples.
"""

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib.messages import constants as message_levels
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from hypothesis import event, given
from hypothesis import strategies as st

from tests.security import fuzz_world as world_module
from tests.security.fuzz_data import FUZZ, form_data, formset_data, text
from tests.security.fuzz_world import FuzzWorld, changed_tables, fingerprint

fuzz_world = world_module.fuzz_world  # the module-scoped fixture

pytestmark = pytest.mark.django_db

# What views call on a form once it is valid (or, for the rows, to render it).
AFTER_VALID = (
    "round_kwargs",
    "nomination_input",
    "plan_fields",
    "scores",
    "counts",
    "verdicts",
    "comments",
    "checklist_item",
    "entry",
    "entries",
)
RENDER_HELPERS = ("rows", "member_rows", "unit_groups")


# --- the project's forms ---------------------------------------------------------------------


def project_apps() -> list:
    base = Path(settings.BASE_DIR).resolve()
    return [
        config
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(base)
        and ".venv" not in Path(config.path).parts
    ]


def _import_all(package: str) -> None:
    module = importlib.import_module(package)
    for info in pkgutil.walk_packages(module.__path__, prefix=f"{package}."):
        if any(part in info.name.split(".") for part in ("migrations", "management", "tests")):
            continue
        importlib.import_module(info.name)


def _subclasses(root: type) -> set[type]:
    found, todo = set(), [root]
    while todo:
        for child in todo.pop().__subclasses__():
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def project_form_classes() -> list[type[forms.BaseForm]]:
    """Every form class defined in a module of the project's apps."""
    names = {config.name for config in project_apps()}
    for name in sorted(names):
        _import_all(name)
    return sorted(
        (
            form_class
            for form_class in _subclasses(forms.BaseForm)
            if form_class.__module__.split(".")[0] in names
        ),
        key=lambda form_class: f"{form_class.__module__}.{form_class.__qualname__}",
    )


def form_id(form_class: type) -> str:
    return f"{form_class.__module__}.{form_class.__qualname__}"


def _model(path: str):
    module, name = path.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)


def _units(world: FuzzWorld):
    return _model("organizations.models.Unit").objects.filter(
        pk__in=[world.son_tay.pk, world.registration.unit_id]
    )


def _users(world: FuzzWorld):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.all()


def _nominations(world: FuzzWorld) -> list:
    nominations = _model("dossiers.models.Nomination").objects
    return list(nominations.select_related("person", "collective", "household")[:3])


def _checklist(world: FuzzWorld) -> list:
    from dossiers.checklist import dossier_checklist

    return dossier_checklist(world.dossier)


def _ballots(world: FuzzWorld) -> list:
    from dossiers.selectors.council import session_ballots

    session = _model("dossiers.models.CouncilSession").objects.order_by("pk").first()
    return session_ballots(session=session, member_count=9) if session else []


def _entry_kwargs(world: FuzzWorld) -> dict:
    from registrations.forms import entry_kwargs

    kwargs = entry_kwargs(unit=world.registration.unit)
    return {**kwargs, "people": kwargs["people"].in_bulk()}  # as the formset passes them


def _nominee_kwargs(world: FuzzWorld) -> dict:
    from dossiers.selectors.unit import nominee_choices, nominees_visible_to

    return {
        "offered": nominee_choices(dossier=world.dossier),
        "accepted": nominees_visible_to(world.user("canbo_phulam")),
    }


def _catalog(world: FuzzWorld) -> dict:
    return {
        "titles": list(_model("awards.models.EmulationTitle").objects.all()[:6]),
        "forms": list(_model("awards.models.AwardForm").objects.all()[:6]),
    }


def _reader(world: FuzzWorld) -> dict:
    from awards.imports.reading import history_workbook_read

    return {"reader": history_workbook_read}


def _councils(world: FuzzWorld):
    return _model("organizations.models.Council").objects.all()


# Keyword arguments of the forms that need them, as their views build them.
FORM_KWARGS: dict[str, Callable[[FuzzWorld], dict]] = {
    "awards.forms.EligibilityCheckForm": _catalog,
    "campaigns.forms.CampaignForm": lambda w: {"units": _units(w)},
    "campaigns.forms.ClusterForm": lambda w: {"units": _units(w), "council_members": _users(w)},
    "campaigns.forms.ElectionForm": lambda w: {"members": w.cluster.members.all()},
    "campaigns.forms.SheetForm": lambda w: {"criteria": list(w.cluster.criteria.all())},
    "campaigns.forms.AcclamationForm": lambda w: {"members": list(w.cluster.members.all())},
    "common.imports.forms.WorkbookUploadForm": _reader,
    "dossiers.forms.review.RoundForm": lambda w: {"councils": _councils(w)},
    "dossiers.forms.review.TakeForm": lambda w: {"members": _users(w)},
    "dossiers.forms.review.VerdictForm": lambda w: {"nominations": _nominations(w)},
    "dossiers.forms.review.ReturnForm": lambda w: {
        "nominations": _nominations(w),
        "items": _checklist(w),
    },
    "dossiers.forms.unit.NominationForm": _nominee_kwargs,
    "dossiers.forms.unit.AttachmentForm": lambda w: {"items": _checklist(w)},
    "dossiers.forms.council.SessionForm": lambda w: {
        "dossiers": _model("dossiers.models.Dossier").objects.all()
    },
    "dossiers.forms.council.VotesForm": lambda w: {"ballots": _ballots(w)},
    "dossiers.forms.council.DecisionForm": lambda w: {
        "nominations": _model("dossiers.models.Nomination").objects.all()
    },
    "plans.forms.PlanUploadForm": lambda w: {"units": _units(w)},
    "plans.forms.PlanForm": lambda w: {"units": _units(w)},
    "registrations.forms.EntryForm": _entry_kwargs,
    "reminders.forms.DeadlineCreateForm": lambda w: {
        "councils": _councils(w),
        "units": _units(w),
        "today": timezone.localdate(),
    },
}


def _required_keywords(form_class: type) -> list[str]:
    parameters = inspect.signature(form_class.__init__).parameters.values()
    return [
        parameter.name
        for parameter in parameters
        if parameter.kind == parameter.KEYWORD_ONLY and parameter.default is parameter.empty
    ]


FORM_CLASSES = project_form_classes()


def test_the_project_has_forms_and_every_one_can_be_built():
    assert len(FORM_CLASSES) > 40
    missing = [
        f"{form_id(form_class)} needs {_required_keywords(form_class)}"
        for form_class in FORM_CLASSES
        if _required_keywords(form_class) and form_id(form_class) not in FORM_KWARGS
    ]
    assert missing == [], "Add the form's keyword arguments to FORM_KWARGS"


def _build(form_class, world: FuzzWorld, **bound):
    kwargs = FORM_KWARGS.get(form_id(form_class), lambda w: {})(world)
    return form_class(**bound, **kwargs)


def _exercise(form) -> None:
    """What a view and its template do with a bound form."""
    valid = form.is_valid()
    str(form.errors)
    form.non_field_errors()
    for bound in form:  # every field's widget, with the posted value
        str(bound)
    for helper in RENDER_HELPERS:
        if callable(getattr(form, helper, None)):
            getattr(form, helper)()
    if valid:
        for method in AFTER_VALID:
            if (
                callable(getattr(form, method, None))
                and not inspect.signature(getattr(form, method)).parameters
            ):
                getattr(form, method)()


@pytest.mark.parametrize("form_class", FORM_CLASSES, ids=form_id)
@FUZZ
@given(data=st.data())
def test_any_data_in_any_form_is_validated_without_an_exception(fuzz_world, form_class, data):
    if _required_keywords(form_class) and form_id(form_class) not in FORM_KWARGS:
        pytest.skip("no keyword arguments registered (see the test above)")
    with transaction.atomic():
        prototype = _build(form_class, fuzz_world)
        posted = data.draw(form_data(prototype), label="data")
        form = _build(form_class, fuzz_world, data=posted, files={})
        _exercise(form)
        transaction.set_rollback(True)


# --- the main POST pages ---------------------------------------------------------------------


def _q(path: str):
    return _model(path).objects


@dataclass(frozen=True)
class Endpoint:
    """A page that takes a POST: its URL, the user allowed to post, the page whose context
    holds the forms (default: the same URL), the context keys of its forms and formsets, and
    fields always posted (a button's name)."""

    id: str
    user: str | None
    url: Callable[[FuzzWorld], str]
    forms: tuple[str, ...] = ("form",)
    formsets: tuple[str, ...] = ()
    page: Callable[[FuzzWorld], str] | None = None
    fixed: dict = field(default_factory=dict)
    relogin: bool = False  # the page may change the session key (a password change)


def _council(w: FuzzWorld) -> str:
    return f"?council={w.cluster.council_id}"


def _in_status(status: str):
    return _q("dossiers.models.Dossier").filter(status=status).order_by("pk").first()


ENDPOINTS = [
    Endpoint("plan-create", "thuongtruc", lambda w: reverse("plans:plan_create")),
    Endpoint(
        "plan-edit",
        "thuongtruc",
        lambda w: reverse("plans:plan_edit", args=[_q("plans.models.Plan").first().pk]),
        formsets=("sections", "schedule", "deadlines"),
    ),
    Endpoint(
        "plan-review",
        "thuongtruc",
        lambda w: reverse("plans:plan_review", args=[w.plan_import.pk]),
        formsets=("schedule", "deadlines"),
    ),
    Endpoint(
        "campaign-create",
        "thuongtruc",
        lambda w: reverse("campaigns:campaign_create") + _council(w),
        formsets=("criteria",),
    ),
    Endpoint(
        "campaign-propose",
        "canbo",
        lambda w: reverse("campaigns:campaign_propose"),
        formsets=("criteria",),
    ),
    Endpoint(
        "campaign-edit",
        "thuongtruc",
        lambda w: reverse(
            "campaigns:campaign_edit",
            args=[
                _q("campaigns.models.Campaign")
                .filter(council=w.cluster.council, status="draft")
                .first()
                .pk
            ],
        ),
        formsets=("criteria",),
    ),
    Endpoint(
        "cluster-create", "thuongtruc", lambda w: reverse("campaigns:cluster_create") + _council(w)
    ),
    Endpoint(
        "cluster-edit",
        "thuongtruc",
        lambda w: reverse("campaigns:cluster_edit", args=[w.cluster.pk]),
    ),
    Endpoint(
        "cluster-election",
        "thuongtruc",
        lambda w: reverse("campaigns:cluster_election", args=[w.cluster.pk]),
    ),
    Endpoint(
        "scoring-scale",
        "canbo",
        lambda w: reverse("campaigns:scoring_scale", args=[w.cluster.pk]),
        forms=(),
        formsets=("formset",),
    ),
    Endpoint(
        "scoring-assign",
        "canbo",
        lambda w: reverse("campaigns:scoring_assign", args=[w.cluster.pk]),
        fixed={"round_robin": "1"},
    ),
    Endpoint(
        "score-sheet",
        "canbo",
        lambda w: reverse(
            "campaigns:sheet_fill",
            args=[
                _q("campaigns.models.ScoreSheet")
                .filter(cluster=w.cluster, assessor=w.registration.unit)
                .first()
                .pk
            ],
        ),
    ),
    Endpoint(
        "registration-edit",
        "canbo",
        lambda w: reverse("registrations:edit", args=[w.registration.pk]),
        forms=(),
        formsets=("formset",),
    ),
    Endpoint(
        "registration-autosave",
        "canbo",
        lambda w: reverse("registrations:autosave", args=[w.registration.pk]),
        forms=(),
        formsets=("formset",),
        page=lambda w: reverse("registrations:edit", args=[w.registration.pk]),
    ),
    Endpoint(
        "window-open",
        "thuongtruc",
        lambda w: reverse("registrations:window_open", args=[w.campaign.pk]),
        page=lambda w: reverse("registrations:window_list"),
    ),
    Endpoint(
        "dossier-nomination",
        "canbo_phulam",
        lambda w: reverse("dossiers:edit", args=[w.dossier.pk]),
    ),
    Endpoint(
        "dossier-withdraw",
        "canbo_phulam",
        lambda w: reverse("dossiers:act", args=[_in_status("submitted").pk, "withdraw"]),
        forms=("action_form",),
        page=lambda w: reverse("dossiers:detail", args=[_in_status("submitted").pk]),
    ),
    Endpoint("round-create", "thuongtruc", lambda w: reverse("dossiers:round_create")),
    Endpoint(
        "dossier-take",
        "thuongtruc",
        lambda w: reverse("dossiers:take", args=[_in_status("submitted").pk]),
        forms=("take_form",),
        page=lambda w: reverse("dossiers:appraisal", args=[_in_status("submitted").pk]),
    ),
    Endpoint(
        "dossier-verdicts",
        "thuongtruc",
        lambda w: reverse("dossiers:appraisal_save", args=[_in_status("in_appraisal").pk]),
        forms=("verdict_form",),
        page=lambda w: reverse("dossiers:appraisal", args=[_in_status("in_appraisal").pk]),
    ),
    Endpoint(
        "dossier-return",
        "thuongtruc",
        lambda w: reverse("dossiers:return", args=[_in_status("in_appraisal").pk]),
        forms=("return_form",),
        page=lambda w: reverse("dossiers:appraisal", args=[_in_status("in_appraisal").pk]),
    ),
    Endpoint(
        "session-create",
        "thuongtruc",
        lambda w: reverse("dossiers:session_create", args=[w.dossier.round_id]),
    ),
    Endpoint(
        "decision-create",
        "thuongtruc",
        lambda w: reverse("dossiers:decision_create", args=[w.dossier.round_id]),
    ),
    Endpoint("deadline-create", "thuongtruc", lambda w: reverse("reminders:deadline_create")),
    Endpoint(
        "deadline-offsets",
        "thuongtruc",
        lambda w: reverse("reminders:deadline_offsets", args=[w.target.deadline_id]),
        page=lambda w: reverse("reminders:deadline", args=[w.target.deadline_id]),
    ),
    Endpoint(
        "target-done",
        "canbo",
        lambda w: reverse("reminders:target_done", args=[w.target.pk]),
        forms=("done_form",),
        page=lambda w: reverse("reminders:target", args=[w.target.pk]),
    ),
    Endpoint("notification-settings", "canbo", lambda w: reverse("notifications:settings")),
    Endpoint("password-change", "canbo", lambda w: reverse("password_change"), relogin=True),
    Endpoint("password-reset", None, lambda w: reverse("password_reset")),
]


def _context_value(response, key: str):
    for context in response.context or []:
        if key in context:
            return context[key]
    raise KeyError(f"{key} is not in the page's context")


def page_strategy(response, endpoint: Endpoint) -> st.SearchStrategy[dict]:
    """The POST data of ``endpoint`` drawn from the forms its page shows."""
    parts = [form_data(_context_value(response, key)) for key in endpoint.forms]
    parts += [formset_data(_context_value(response, key)) for key in endpoint.formsets]

    @st.composite
    def merged(draw):
        data = {}
        for part in parts:
            data.update(draw(part))
        return data | endpoint.fixed

    return merged()


def is_refusal(response) -> bool:
    """A 4xx, a page whose forms came back with errors, a JSON answer saying it did not save,
    or a redirect carrying an error."""
    if 400 <= response.status_code < 500:
        return True
    if response.get("Content-Type", "").startswith("application/json"):
        payload = response.json()
        return payload.get("saved") is False or payload.get("ok") is False
    if response.status_code == 200 and response.context is not None:
        for context in response.context:
            for value in context.flatten().values():
                if (
                    isinstance(value, forms.BaseForm | forms.BaseFormSet)
                    and value.is_bound
                    and not value.is_valid()
                ):
                    return True
    stored = getattr(response.wsgi_request, "_messages", ())
    return any(message.level >= message_levels.WARNING for message in stored)


@dataclass
class Prepared:
    url: str
    user: object
    relogin: bool
    strategy: st.SearchStrategy
    baseline: dict


@pytest.fixture
def prepared(fuzz_world, client, endpoint: Endpoint) -> Prepared:
    user = fuzz_world.user(endpoint.user) if endpoint.user else None
    if user is not None:
        client.force_login(user)
    url = endpoint.url(fuzz_world)
    page = client.get(endpoint.page(fuzz_world) if endpoint.page else url)
    assert page.status_code == 200, (page.status_code, page.get("Location"))
    return Prepared(url, user, endpoint.relogin, page_strategy(page, endpoint), fingerprint())


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda endpoint: endpoint.id)
@FUZZ
@given(data=st.data())
def test_a_post_never_fails_and_a_refusal_changes_nothing(prepared, client, data):
    posted = data.draw(prepared.strategy, label="posted")
    with transaction.atomic():
        client.cookies.pop("messages", None)
        if prepared.relogin:
            client.force_login(prepared.user)
        response = client.post(prepared.url, posted)
        assert response.status_code < 500
        refused = is_refusal(response)
        event(f"{response.status_code} {'refused' if refused else 'accepted'}")
        if refused:
            changed = changed_tables(prepared.baseline)
            assert changed == set(), f"a refused POST changed {sorted(changed)}"
        transaction.set_rollback(True)


# --- list and search pages -------------------------------------------------------------------

QUERY_NAMES = (
    "page",
    "dpage",
    "year",
    "kind",
    "council",
    "unit",
    "status",
    "show",
    "cluster",
    "q",
    "state",
    "period",
    "tab",
    "birth_year",
    "award",
    "level",
    "name",
    "search",
    "scope",
    "from",
    "to",
    "o",
)
LIST_PAGES = (
    ("thuongtruc", "organizations:unit_list"),
    ("thuongtruc", "organizations:person_list"),
    ("thuongtruc", "plans:plan_list"),
    ("thuongtruc", "awards:grant_list"),
    ("thuongtruc", "awards:lookup"),
    ("thuongtruc", "campaigns:campaign_list"),
    ("thuongtruc", "campaigns:cluster_list"),
    ("thuongtruc", "dossiers:queue"),
    ("thuongtruc", "dossiers:round_list"),
    ("thuongtruc", "registrations:window_list"),
    ("canbo", "reminders:list"),
    ("quantri", "reminders:outbox"),
    ("canbo", "notifications:list"),
    ("thuongtruc", "reports:summary_page"),
    ("thuongtruc", "reports:statutory_page"),
    ("thuongtruc", "reports:job_list"),
)


def _filter_names(response) -> list[str]:
    names = set()
    for context in response.context or []:
        for value in context.flatten().values():
            form = getattr(value, "form", value)
            if isinstance(form, forms.BaseForm):
                names |= {form.add_prefix(name) for name in form.fields}
    return sorted(names)


@pytest.fixture
def list_page(fuzz_world, client, page):
    user, name = page
    client.force_login(fuzz_world.user(user))
    url = reverse(name)
    first = client.get(url)
    assert first.status_code == 200
    names = sorted(set(QUERY_NAMES) | set(_filter_names(first)))
    return url, names


@pytest.mark.parametrize("page", LIST_PAGES, ids=lambda page: page[1])
@FUZZ
@given(data=st.data())
def test_a_list_page_answers_any_query_string(list_page, client, data):
    url, names = list_page
    query = data.draw(
        st.dictionaries(
            st.sampled_from(names),
            st.one_of(text(), st.lists(text(), max_size=3)),
            max_size=6,
        ),
        label="query",
    )
    response = client.get(url, query)
    assert response.status_code < 500


# The registration's lines may legitimately number 5,000 (``EntryFormSet.max_num``): a forged
# count there builds 6,000 rows (about 25 seconds), left out here as it is by design.
FORMSET_ENDPOINTS = [
    endpoint
    for endpoint in ENDPOINTS
    if endpoint.formsets and not endpoint.id.startswith("registration")
]


@pytest.mark.parametrize("endpoint", FORMSET_ENDPOINTS, ids=lambda endpoint: endpoint.id)
def test_an_absurd_number_of_rows_is_refused(prepared, client, endpoint, fuzz_world):
    page = client.get(endpoint.page(fuzz_world) if endpoint.page else prepared.url)
    posted = dict(endpoint.fixed)
    for key in endpoint.formsets:
        prefix = _context_value(page, key).prefix
        posted |= {f"{prefix}-TOTAL_FORMS": "1000000000", f"{prefix}-INITIAL_FORMS": "0"}

    response = client.post(prepared.url, posted)

    assert response.status_code == 200
    assert is_refusal(response)
    assert changed_tables(prepared.baseline) == set()


# --- what the fuzzing found ------------------------------------------------------------------


def test_ids_too_large_for_the_database_match_nothing(fuzz_world):
    from organizations.models import Unit

    ids = [10**30, -(10**30), 2**63]

    assert list(Unit.objects.filter(pk__in=ids)) == []
    assert list(Unit.objects.filter(pk__in=[*ids, fuzz_world.son_tay.pk])) == [fuzz_world.son_tay]


def test_a_checkbox_list_posted_with_a_huge_id_is_a_form_error(fuzz_world):
    from dossiers.forms.council import SessionForm

    form = SessionForm(
        {"held_on": "01/03/2022", "members": "Nguyễn Văn A | Chủ tịch | có", "dossiers": [10**30]},
        dossiers=_model("dossiers.models.Dossier").objects.all(),
    )

    assert form.has_error("dossiers", code="invalid_choice")


@pytest.mark.parametrize("points", ["1e309", "-1e400", "9" * 400])
def test_points_too_large_for_a_float_are_not_a_number(fuzz_world, points):
    from campaigns.forms import SheetForm

    criteria = list(fuzz_world.cluster.criteria.all())
    form = SheetForm({f"points_{criteria[0].pk}": points}, criteria=criteria)

    assert form.has_error(f"points_{criteria[0].pk}", code="invalid")


@pytest.mark.parametrize("positions", ["9" * 4301, '{"a": ' + "1" * 5000 + "}"])
def test_a_number_too_long_for_python_in_json_is_a_form_error(positions):
    from certificates.admin import CertificateTemplateForm

    form = CertificateTemplateForm({"positions": positions})

    assert form.has_error("positions", code="invalid")
    assert "9999" in str(form["positions"]) or "1111" in str(form["positions"])


@pytest.mark.parametrize(
    ("text", "number"),
    [("2024", 2024), ("٢٠٢٤", 2024), ("²", None), ("1²", None), ("9" * 4301, None), ("-1", None)],
)
def test_whole_number_reads_only_what_int_can(text, number):
    from common.numbers import whole_number

    assert whole_number(text) == number


@pytest.mark.parametrize("value", ["²", "9" * 4301])
@pytest.mark.parametrize(
    ("user", "url", "name"),
    [
        ("thuongtruc", "campaigns:campaign_list", "year"),
        ("thuongtruc", "campaigns:cluster_list", "year"),
        ("thuongtruc", "campaigns:campaign_create", "council"),
        ("thuongtruc", "reminders:deadline_create", "council"),
    ],
)
def test_a_number_int_cannot_read_in_a_query_string_is_ignored(
    fuzz_world, client, user, url, name, value
):
    client.force_login(fuzz_world.user(user))

    assert client.get(reverse(url), {name: value}).status_code == 200


@pytest.mark.parametrize("value", ["²", "9" * 4301])
def test_a_person_id_int_cannot_read_in_a_registration_is_a_refusal(fuzz_world, client, value):
    client.force_login(fuzz_world.user("canbo"))
    url = reverse("registrations:edit", args=[fuzz_world.registration.pk])
    before = fingerprint()

    response = client.post(
        url,
        {
            "entries-TOTAL_FORMS": "1",
            "entries-INITIAL_FORMS": "0",
            "entries-0-kind": "individual",
            "entries-0-person": value,
        },
    )

    assert response.status_code == 200
    assert changed_tables(before) == set()
