"""The unit officer's form: open, save a draft, submit (late: refused with the deadline), the
line checks and the person search; nothing typed is lost on a refusal."""

import datetime

import pytest
from django.urls import reverse

from common.data_version import data_version
from organizations.models import Person
from registrations.models import Registration
from tests.registrations.conftest import registration_with_lines


def post_lines(rows: list[dict], **extra) -> dict:
    data = {
        "entries-TOTAL_FORMS": str(len(rows)),
        "entries-INITIAL_FORMS": "0",
        "entries-MIN_NUM_FORMS": "0",
        "entries-MAX_NUM_FORMS": "5000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"entries-{index}-{key}"] = value
    data.update(extra)
    return data


@pytest.fixture
def ward_b_officer(window):
    return window.clusters.officer_of(window.clusters.members[1])


@pytest.fixture
def freeze_in_window(monkeypatch):
    """Today is inside the window (01/02/2020) for the services."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: datetime.date(2020, 2, 1))


def test_officer_opens_and_saves_a_draft(client, window, ward_b_officer):
    unit = window.clusters.members[1]
    client.force_login(ward_b_officer)
    home = client.get(reverse("registrations:home"))
    assert unit.name in home.content.decode()
    response = client.post(reverse("registrations:open", args=[window.window.pk, unit.pk]))
    registration = Registration.objects.get(unit=unit, window=window.window)
    assert response.url == reverse("registrations:edit", args=[registration.pk])
    assert registration.cluster == window.clusters.cluster
    page = client.get(response.url)
    assert page.status_code == 200
    data = post_lines(
        [
            {"kind": "collective", "collective": str(unit.pk), "award": "advanced_collective"},
            {
                "kind": "individual",
                "person_name": "Lê Thị Hoa",
                "birth_year": "1985",
                "award": "advanced_worker",
            },
        ],
        save="1",
    )
    response = client.post(reverse("registrations:edit", args=[registration.pk]), data)
    assert response.status_code == 302
    entries = list(registration.entries.order_by("order"))
    assert [e.kind for e in entries] == ["collective", "individual"]
    assert entries[1].person.full_name == "Lê Thị Hoa"
    assert entries[1].person.unit == unit


def test_a_refused_form_keeps_what_was_typed(client, window, ward_b_officer):
    unit = window.clusters.members[1]
    registration = registration_with_lines(window, unit, people=0)
    client.force_login(ward_b_officer)
    data = post_lines(
        [{"kind": "individual", "person_name": "Trần Văn Nam", "award": "advanced_collective"}],
        save="1",
    )
    response = client.post(reverse("registrations:edit", args=[registration.pk]), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="Trần Văn Nam"' in body
    assert registration.entries.count() == 1  # the saved line is untouched


def test_late_submission_refused_with_the_deadline(client, window, ward_b_officer):
    unit = window.clusters.members[1]
    registration = registration_with_lines(window, unit)
    client.force_login(ward_b_officer)
    response = client.post(reverse("registrations:submit", args=[registration.pk]), follow=True)
    assert "28/02/2020" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == "draft"


def test_submission_in_time(client, window, ward_b_officer, freeze_in_window):
    unit = window.clusters.members[1]
    registration = registration_with_lines(window, unit)
    client.force_login(ward_b_officer)
    client.post(reverse("registrations:submit", args=[registration.pk]))
    registration.refresh_from_db()
    assert registration.status == "submitted"
    assert registration.submitted_by == ward_b_officer


def test_initiative_required_for_grassroots_fighter(
    client, window, ward_b_officer, freeze_in_window
):
    unit = window.clusters.members[1]
    registration = registration_with_lines(window, unit, title="emulation_fighter_grassroots")
    client.force_login(ward_b_officer)
    response = client.post(reverse("registrations:submit", args=[registration.pk]), follow=True)
    registration.refresh_from_db()
    assert registration.status == "draft"
    assert "sáng kiến" in response.content.decode()


def test_line_check_and_people_search(client, window, ward_b_officer):
    unit = window.clusters.members[1]
    registration = registration_with_lines(window, unit, people=0)
    Person.objects.create(full_name="Phạm Minh Đức", unit=unit, birth_year=1979)
    client.force_login(ward_b_officer)
    found = client.get(
        reverse("registrations:people", args=[registration.pk]),
        {"row": "entries-0", "entries-0-person_name": "minh duc"},
    )
    assert "Phạm Minh Đức" in found.content.decode()
    check = client.get(
        reverse("registrations:check_line", args=[registration.pk]),
        {
            "row": "entries-0",
            "entries-0-kind": "collective",
            "entries-0-collective": unit.pk,
            "entries-0-award": "emulation_flag_provincial",
        },
    )
    assert check.status_code == 200
    assert 'data-severity="blocking"' in check.content.decode()  # the model name is missing
    new_person = client.get(
        reverse("registrations:check_line", args=[registration.pk]),
        {
            "row": "entries-1",
            "entries-1-kind": "individual",
            "entries-1-person_name": "Hà Mới",
            "entries-1-award": "advanced_worker",
        },
    )
    assert 'data-severity="unrecorded"' in new_person.content.decode()


def test_autosave(client, window, ward_b_officer):
    unit = window.clusters.members[1]
    registration = registration_with_lines(window, unit, people=0)
    url = reverse("registrations:autosave", args=[registration.pk])
    data = post_lines(
        [{"kind": "collective", "collective": str(unit.pk), "award": "excellent_collective"}]
    )
    assert client.post(url, data).status_code == 401  # no session: kept in the browser
    client.force_login(ward_b_officer)
    version = data_version()
    assert client.post(url, data).json()["saved"] is True
    assert registration.entries.get().title.code == "excellent_collective"
    assert data_version() == version  # no cached page shows a draft's lines
    incomplete = post_lines([{"kind": "collective", "award": "excellent_collective"}])
    assert client.post(url, incomplete).json()["saved"] is False
    assert registration.entries.count() == 1


def test_another_units_officer_cannot_see_or_edit(client, window):
    unit = window.clusters.members[1]
    registration = registration_with_lines(window, unit)
    stranger = window.clusters.officer_of(window.clusters.members[2])
    client.force_login(stranger)
    for name in ("detail", "edit", "people", "check_line"):
        assert (
            client.get(reverse(f"registrations:{name}", args=[registration.pk])).status_code == 404
        )
    assert client.post(reverse("registrations:submit", args=[registration.pk])).status_code == 404
    assert (
        client.post(reverse("registrations:open", args=[window.window.pk, unit.pk])).status_code
        == 403
    )


def test_an_old_page_never_wipes_newer_lines(client, window, ward_b_officer):
    import re

    unit = window.clusters.members[1]
    registration = registration_with_lines(window, unit, people=0)
    client.force_login(ward_b_officer)
    page = client.get(reverse("registrations:edit", args=[registration.pk])).content.decode()
    old_version = re.search(r'name="version" value="([^"]+)"', page).group(1)
    registration_with_lines(window, unit, people=3)  # another window (or an import) saves
    typed = post_lines(
        [{"kind": "collective", "collective": str(unit.pk), "award": "excellent_collective"}],
        version=old_version,
    )
    answer = client.post(reverse("registrations:autosave", args=[registration.pk]), typed)
    assert (answer.status_code, answer.json()["reason"]) == (409, "stale")
    assert registration.entries.count() == 4
    refused = client.post(
        reverse("registrations:edit", args=[registration.pk]), {**typed, "save": "1"}
    )
    assert refused.status_code == 200
    assert registration.entries.count() == 4
    body = refused.content.decode()
    assert re.search(r'value="excellent_collective"[^>]* selected', body)  # typed, still there
    new_version = re.search(r'name="version" value="([^"]+)"', body).group(1)
    assert new_version != old_version
    client.post(
        reverse("registrations:edit", args=[registration.pk]),
        {**typed, "version": new_version, "save": "1"},
    )
    assert registration.entries.get().title.code == "excellent_collective"


def test_saving_runs_as_many_queries_for_many_people_as_for_few(client, window, ward_b_officer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    unit = window.clusters.members[1]
    registration = registration_with_lines(window, unit, people=0)
    client.force_login(ward_b_officer)
    url = reverse("registrations:autosave", args=[registration.pk])

    def queries_saving(count: int) -> int:
        people = [Person.objects.create(full_name=f"Đỗ Thị {n}", unit=unit) for n in range(count)]
        rows = [
            {"kind": "individual", "person": str(p.pk), "person_name": p.full_name,
             "award": "advanced_worker"}
            for p in people
        ]  # fmt: skip
        with CaptureQueriesContext(connection) as queries:
            assert client.post(url, post_lines(rows)).json()["saved"] is True
        assert registration.entries.count() == count
        return len(queries)

    assert queries_saving(2) == queries_saving(20)


def test_a_new_person_is_created_once_however_often_the_form_saves(client, window, ward_b_officer):
    unit = window.clusters.members[1]
    registration = registration_with_lines(window, unit, people=0)
    client.force_login(ward_b_officer)
    url = reverse("registrations:autosave", args=[registration.pk])
    new = {"kind": "individual", "person_name": "Vũ Thị Thu", "birth_year": "1991"}
    rows = [{**new, "award": "advanced_worker"}, {**new, "award": "emulation_fighter_grassroots"}]
    for _ in range(3):  # the page autosaves as the officer goes on typing
        assert client.post(url, post_lines(rows)).json()["saved"] is True
    person = Person.objects.get(full_name="Vũ Thị Thu")
    assert set(registration.entries.values_list("person", flat=True)) == {person.pk}


def test_autosave_answers_a_leader_who_may_only_read_409_and_a_stranger_404(client, window):
    unit = window.clusters.members[1]
    registration = registration_with_lines(window, unit)
    url = reverse("registrations:autosave", args=[registration.pk])
    data = post_lines(
        [{"kind": "collective", "collective": str(unit.pk), "award": "excellent_collective"}]
    )
    leader = window.clusters.officer_of(window.clusters.members[0])  # reviews, does not edit
    client.force_login(leader)
    answer = client.post(url, data)
    assert (answer.status_code, answer.json()["reason"]) == (409, "locked")
    client.force_login(window.clusters.officer_of(window.clusters.members[2]))
    assert client.post(url, data).status_code == 404
    assert registration.entries.count() == 2  # nobody's post changed a line


def test_a_collective_outside_the_unit_is_refused_on_its_line(client, window, ward_b_officer):
    unit = window.clusters.members[1]
    neighbour = window.clusters.members[2]
    registration = registration_with_lines(window, unit, people=0)
    client.force_login(ward_b_officer)
    rows = [
        {"kind": "individual", "person_name": "Lê Văn Tám", "birth_year": "1990",
         "award": "advanced_worker"},
        {"kind": "collective", "collective": str(neighbour.pk), "award": "excellent_collective"},
    ]  # fmt: skip
    url = reverse("registrations:edit", args=[registration.pk])

    refused = client.post(url, post_lines(rows, save="1"))

    body = refused.content.decode()
    assert "Hãy chọn một tập thể thuộc đơn vị mình." in body
    assert body.count("is-invalid") == 1  # on the collective's line only, not on the first line
    assert 'value="Lê Văn Tám"' in body
    assert registration.entries.count() == 1
    autosave = reverse("registrations:autosave", args=[registration.pk])
    assert client.post(autosave, post_lines(rows)).json()["saved"] is False


def test_an_award_added_to_the_catalog_can_be_chosen_at_once(client, window, ward_b_officer):
    from awards.models import AwardForm

    unit = window.clusters.members[1]
    registration = registration_with_lines(window, unit, people=0)
    client.force_login(ward_b_officer)
    url = reverse("registrations:autosave", args=[registration.pk])
    line = {"kind": "collective", "collective": str(unit.pk), "award": "bang_khen_moi"}
    assert client.post(url, post_lines([line])).json()["saved"] is False  # remembered catalog
    template = next(f for f in AwardForm.objects.all() if "collective" in f.recipient_kinds)
    template.pk, template.code, template.name_vi = None, "bang_khen_moi", "Bằng khen mới"
    template.save()

    assert client.post(url, post_lines([line])).json()["saved"] is True
    assert registration.entries.get().form.code == "bang_khen_moi"


def test_autosave_takes_the_fields_as_json_with_the_csrf_token_in_the_header(
    window, ward_b_officer
):
    import json

    from django.test import Client

    unit = window.clusters.members[1]
    registration = registration_with_lines(window, unit, people=0)
    client = Client(enforce_csrf_checks=True)
    client.force_login(ward_b_officer)
    page = client.get(reverse("registrations:edit", args=[registration.pk]))
    token = page.context["csrf_token"]
    url = reverse("registrations:autosave", args=[registration.pk])
    fields = post_lines(
        [{"kind": "collective", "collective": str(unit.pk), "award": "excellent_collective"}],
        csrfmiddlewaretoken=str(token),
    )
    body = json.dumps(fields)

    assert client.post(url, body, content_type="application/json").status_code == 403
    answer = client.post(url, body, content_type="application/json", HTTP_X_CSRFTOKEN=str(token))

    assert answer.json()["saved"] is True
    assert registration.entries.get().title.code == "excellent_collective"


@pytest.mark.parametrize(
    "body",
    ["{not json", '["entries-TOTAL_FORMS", "1"]', '"text"', "too many"],
    ids=["malformed", "a list", "a string", "more fields than a form may have"],
)
def test_autosave_refuses_a_body_that_is_no_form_and_keeps_the_lines(
    client, window, ward_b_officer, settings, body
):
    import json

    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    if body == "too many":
        body = json.dumps({f"field-{n}": "x" for n in range(11)})
    unit = window.clusters.members[1]
    registration = registration_with_lines(window, unit, people=1)
    client.force_login(ward_b_officer)
    url = reverse("registrations:autosave", args=[registration.pk])

    answer = client.post(url, body, content_type="application/json")

    assert (answer.status_code, answer.json()["reason"]) == (400, "invalid")
    assert registration.entries.count() == 2
