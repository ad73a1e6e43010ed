"""The public disclosure page of a round: no login, only during its window, only names, units
and proposed awards."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from dossiers.services.dossiers import NominationInput, dossier_start, nomination_save
from dossiers.services.rounds import round_save
from dossiers.services.workflow import SUBMIT, dossier_transition
from tests.dossiers.conftest import ROUND_AWARDS, advance, award, make_dossier, upload_missing
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

SUMMARY = "Hoàn thành tốt"  # what make_dossier types as each nomination's summary


def _disclose(round_, *, starts: int = -1, ends: int | None = 5) -> None:
    today = timezone.localdate()
    round_.disclosure_starts_on = today + datetime.timedelta(days=starts)
    round_.disclosure_ends_on = None if ends is None else today + datetime.timedelta(days=ends)
    round_.save()


def _url(round_) -> str:
    return reverse("dossiers:public", args=[round_.public_token])


def _other_round_nominee(world) -> None:
    """A submitted dossier of ward B in a second round of the same council."""
    today = timezone.localdate()
    other = round_save(
        council=world.tree.council,
        actor=world.secretariat,
        titles=[award(code) for code in ROUND_AWARDS],
        name="Đợt khác",
        year=today.year,
        opens_on=today - datetime.timedelta(days=5),
        closes_on=today + datetime.timedelta(days=5),
    )
    _disclose(other)
    dossier = dossier_start(round_=other, unit=world.tree.ward_b, actor=world.officer_b)
    person = PersonFactory(full_name="Phạm Văn Khác", unit=world.tree.ward_b)
    nomination_save(
        dossier=dossier,
        data=NominationInput(nominee=person, award=award("advanced_worker")),
        actor=world.officer_b,
    )
    upload_missing(dossier, world.officer_b)
    dossier_transition(dossier=dossier, action=SUBMIT, actor=world.officer_b)


def test_public_page_lists_names_units_and_awards_only(client, world):
    world.people[0].birth_year = 1971
    world.people[0].save()
    dossier = advance(world, make_dossier(world), "in_appraisal")
    dossier.nominations.update(findings=[{"severity": "warning", "message": "Cảnh báo bí mật"}])
    _other_round_nominee(world)
    _disclose(world.round)
    response = client.get(_url(world.round))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nguyễn Thị Hoa" in page
    assert "Phường An Bình" in page
    assert award("advanced_worker").name_vi in page
    for hidden in (SUMMARY, "Cảnh báo bí mật", "1971", "Đang thẩm định", "Phạm Văn Khác"):
        assert hidden not in page


def test_public_page_leaves_out_drafts(client, world):
    make_dossier(world)
    _disclose(world.round)
    assert "Nguyễn Thị Hoa" not in client.get(_url(world.round)).content.decode()


def test_public_page_is_open_without_an_end_day(client, world):
    advance(world, make_dossier(world), "submitted")
    _disclose(world.round, starts=0, ends=None)
    assert "Nguyễn Thị Hoa" in client.get(_url(world.round)).content.decode()


@pytest.mark.parametrize(("starts", "ends"), [(1, 5), (-5, -1)])
def test_public_page_is_not_found_outside_its_window(client, world, starts, ends):
    advance(world, make_dossier(world), "submitted")
    _disclose(world.round, starts=starts, ends=ends)
    assert client.get(_url(world.round)).status_code == 404


def test_public_page_is_not_found_without_a_window_or_with_a_wrong_key(client, world):
    assert client.get(_url(world.round)).status_code == 404
    _disclose(world.round)
    assert client.get(reverse("dossiers:public", args=["khong-dung"])).status_code == 404
