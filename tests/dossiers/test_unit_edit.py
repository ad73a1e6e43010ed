"""The dossier form: adding, changing and removing nominations (every refusal comes back with
what was typed and why), and who may change a dossier."""

import pytest
from django.urls import reverse
from django.utils import translation

from awards.models import EmulationTitle, Household
from dossiers.models import Dossier, Nomination
from organizations.models import Membership
from tests.dossiers.conftest import advance, make_dossier
from tests.factories import MembershipFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

SUMMARY = "Hoàn thành xuất sắc nhiệm vụ năm, có sáng kiến cải cách thủ tục"


def vi(msgid: str) -> str:
    """``msgid`` as the Vietnamese page shows it."""
    with translation.override("vi"):
        return translation.gettext(msgid)


def nomination_data(**fields) -> dict:
    data = {"kind": "individual", "award": "title:advanced_worker", "achievement": "merit"}
    data["summary"] = SUMMARY
    data.update({key: str(value) for key, value in fields.items()})
    return data


@pytest.fixture
def draft(world):
    """Ward A's draft with Nguyễn Thị Hoa for Advanced Worker, no document uploaded."""
    return make_dossier(world, complete=False)


@pytest.fixture
def officer(client, world):
    client.force_login(world.officer_a)
    return client


def edit_url(dossier) -> str:
    return reverse("dossiers:edit", args=[dossier.pk])


def test_edit_page_lists_nominations_form_checklist_and_what_stops_submission(officer, draft):
    text = officer.get(edit_url(draft)).content.decode()
    assert "Nguyễn Thị Hoa" in text
    assert 'name="person"' in text
    assert 'name="award"' in text
    assert "Trần Văn Bình" in text  # offered in the people list
    assert reverse("dossiers:attachment_upload", args=[draft.pk]) in text
    assert 'id="submission-check"' in text
    assert 'value="proposal_letter"' in text


def test_add_nomination_saves_it_with_findings(officer, world, draft):
    person = world.people[1]
    response = officer.post(edit_url(draft), nomination_data(person=person.pk))
    assert response.status_code == 302
    nomination = draft.nominations.get(person=person)
    assert nomination.title.code == "advanced_worker"
    assert nomination.summary == SUMMARY
    assert nomination.findings
    assert "citation" in nomination.findings[0]
    assert person.full_name in officer.get(response.url).content.decode()


def test_add_a_collective_and_a_form(officer, world, draft):
    data = nomination_data(kind="collective", collective=world.tree.group_a.pk)
    data["award"] = "form:certificate_of_merit"
    assert officer.post(edit_url(draft), data).status_code == 302
    assert draft.nominations.get(collective=world.tree.group_a).form.code == "certificate_of_merit"


def test_add_a_household_of_the_unit(officer, world, draft):
    household = Household.objects.create(name="Hộ ông Nguyễn Văn Sáu", unit=world.tree.group_a)
    assert "Hộ ông Nguyễn Văn Sáu" in officer.get(edit_url(draft)).content.decode()
    data = nomination_data(kind="household", household=household.pk)
    data["award"] = "form:certificate_of_merit"
    assert officer.post(edit_url(draft), data).status_code == 302
    assert draft.nominations.get(household=household).form.code == "certificate_of_merit"


def assert_refused(response, draft, *expected: str) -> str:
    """The form came back (200) with the typed summary, the reasons, and nothing saved."""
    assert response.status_code == 200
    text = response.content.decode()
    assert SUMMARY in text
    for part in expected:
        assert part in text
    assert draft.nominations.count() == 1
    return text


def test_add_duplicate_is_refused_keeping_the_input(officer, world, draft):
    response = officer.post(edit_url(draft), nomination_data(person=world.people[0].pk))
    text = assert_refused(response, draft, 'id="nomination-errors"', "Nguyễn Thị Hoa")
    assert "Lao động tiên tiến" in text


def test_add_an_award_not_in_the_round_is_refused(officer, world, draft):
    data = nomination_data(person=world.people[1].pk, award="title:emulation_fighter_provincial")
    name = EmulationTitle.objects.get(code="emulation_fighter_provincial").name_vi
    assert_refused(officer.post(edit_url(draft), data), draft, 'id="nomination-errors"', name)


def test_add_a_nominee_outside_the_unit_is_refused(client, world, draft, tree):
    district_officer = MembershipFactory(
        user=UserFactory(username="canbo_thixa"),
        unit=tree.district,
        role=Membership.Role.UNIT_OFFICER,
    ).user
    outsider = PersonFactory(full_name="Phạm Văn Xa", unit=tree.ward_b)
    client.force_login(district_officer)
    response = client.post(edit_url(draft), nomination_data(person=outsider.pk))
    text = assert_refused(response, draft, 'id="nomination-errors"', "Phạm Văn Xa")
    assert tree.ward_a.name in text


def test_add_a_blocked_nomination_is_refused_with_its_legal_source(officer, world, draft):
    data = nomination_data(kind="collective", collective=world.tree.ward_a.pk)
    title = EmulationTitle.objects.get(code="advanced_worker")
    assert_refused(officer.post(edit_url(draft), data), draft, title.citation, title.name_vi)


def test_add_without_a_nominee_is_refused(officer, draft):
    response = officer.post(edit_url(draft), nomination_data(person=""))
    assert_refused(response, draft, vi("Choose the nominee."))


def test_add_a_person_of_another_unit_unseen_is_refused(officer, world, draft, tree):
    stranger = PersonFactory(full_name="Đỗ Thị Lạ", unit=tree.other_ward)
    response = officer.post(edit_url(draft), nomination_data(person=stranger.pk))
    text = assert_refused(response, draft)
    assert "Đỗ Thị Lạ" not in text


def test_nomination_edit_changes_the_line(officer, world, draft):
    nomination = draft.nominations.get()
    url = reverse("dossiers:nomination_edit", args=[draft.pk, nomination.pk])
    page = officer.get(url).content.decode()
    assert "Hoàn thành tốt" in page
    data = nomination_data(person=world.people[0].pk, achievement="sudden")
    assert officer.post(url, data).status_code == 302
    nomination.refresh_from_db()
    assert (nomination.achievement, nomination.summary) == ("sudden", SUMMARY)


def test_nomination_edit_refusal_keeps_the_input(officer, world, draft):
    officer.post(edit_url(draft), nomination_data(person=world.people[1].pk))
    nomination = draft.nominations.get(person=world.people[0])
    url = reverse("dossiers:nomination_edit", args=[draft.pk, nomination.pk])
    response = officer.post(url, nomination_data(person=world.people[1].pk))
    assert response.status_code == 200
    assert SUMMARY in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.person == world.people[0]


def test_nomination_delete_removes_it(officer, draft):
    nomination = draft.nominations.get()
    url = reverse("dossiers:nomination_delete", args=[draft.pk, nomination.pk])
    assert officer.get(url).status_code == 405
    assert officer.post(url).status_code == 302
    assert not Nomination.objects.filter(pk=nomination.pk).exists()


def test_nomination_of_another_dossier_is_not_found(officer, world, draft):
    other = Dossier.objects.create(round=world.round, unit=world.tree.ward_b)
    nomination = draft.nominations.get()
    assert (
        officer.get(reverse("dossiers:nomination_edit", args=[other.pk, nomination.pk])).status_code
        == 404
    )


def unit_urls(dossier) -> list[tuple[str, str]]:
    """(method, url) of every page that changes the dossier."""
    nomination = dossier.nominations.first()
    return [
        ("get", reverse("dossiers:edit", args=[dossier.pk])),
        ("post", reverse("dossiers:edit", args=[dossier.pk])),
        ("get", reverse("dossiers:nomination_edit", args=[dossier.pk, nomination.pk])),
        ("post", reverse("dossiers:nomination_delete", args=[dossier.pk, nomination.pk])),
        ("post", reverse("dossiers:attachment_upload", args=[dossier.pk])),
        ("post", reverse("dossiers:act", args=[dossier.pk, "submit"])),
        ("post", reverse("dossiers:act", args=[dossier.pk, "withdraw"])),
    ]


def test_another_units_officer_finds_none_of_the_pages(client, world, draft):
    client.force_login(world.officer_b)
    for method, url in unit_urls(draft):
        assert getattr(client, method)(url).status_code == 404, url
    assert draft.nominations.count() == 1


def test_council_member_reads_a_submitted_dossier_but_changes_nothing(client, world):
    dossier = advance(world, make_dossier(world), Dossier.Status.SUBMITTED)
    client.force_login(world.member)
    assert client.get(reverse("dossiers:detail", args=[dossier.pk])).status_code == 200
    for method, url in unit_urls(dossier):
        assert getattr(client, method)(url).status_code == 403, url
    dossier.refresh_from_db()
    assert (dossier.status, dossier.nominations.count()) == ("submitted", 1)


def test_submitted_dossier_can_no_longer_be_edited(officer, world):
    dossier = advance(world, make_dossier(world), Dossier.Status.SUBMITTED)
    assert officer.get(edit_url(dossier)).status_code == 403
    nomination = dossier.nominations.get()
    url = reverse("dossiers:nomination_delete", args=[dossier.pk, nomination.pk])
    assert officer.post(url).status_code == 403
    assert dossier.nominations.count() == 1


def test_anonymous_is_sent_to_login(client, draft):
    for method, url in unit_urls(draft):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert reverse("login") in response.url


def test_other_actions_are_not_found(officer, draft):
    for action in ("take", "return", "appraise", "nothing"):
        assert officer.post(reverse("dossiers:act", args=[draft.pk, action])).status_code == 404
