"""Fixtures for registrations: the campaigns' cluster setup with a launched regular campaign and
its registration window.

window (campaign "Thi đua thường xuyên năm 2020" of tree.council, closes 28/02/2020)
    participants: the four members of cluster 1, ward_e (cluster 2) and ``outsider`` (a
    department in no cluster, with its officer ``outsider_officer``)
"""

import datetime
from dataclasses import dataclass

import pytest

from awards.models import AwardForm, EmulationTitle
from campaigns.models import Campaign
from organizations.models import Person, Unit
from registrations.models import Registration, RegistrationWindow
from registrations.services.registrations import EntryInput, entries_replace, registration_start
from tests.campaigns.conftest import (
    clusters,  # noqa: F401 - a fixture ``window`` needs
    officer,
)
from tests.factories import UnitFactory

CLOSES_ON = datetime.date(2020, 2, 28)


@pytest.fixture(autouse=True)
def _catalog(award_catalog) -> None:
    """Every registrations test runs with the national award catalog (tests/conftest.py)."""


BEFORE = datetime.date(2020, 2, 1)  # a day inside the window


@dataclass
class WindowSetup:
    """The window, its campaign, the cluster setup and the unit outside the clusters."""

    window: RegistrationWindow
    campaign: Campaign
    clusters: object  # tests.campaigns.conftest.ClusterSetup
    outsider: Unit
    outsider_officer: object

    def title(self, code: str) -> EmulationTitle:
        return EmulationTitle.objects.get(code=code)

    def form(self, code: str) -> AwardForm:
        return AwardForm.objects.get(code=code)


@pytest.fixture
def window(tree, clusters) -> WindowSetup:  # noqa: F811 - the imported fixture
    outsider = UnitFactory(name="Phòng Y tế", kind=Unit.Kind.DEPARTMENT, parent=tree.district)
    campaign = Campaign.objects.create(
        council=tree.council,
        name="Thi đua thường xuyên năm 2020",
        kind=Campaign.Kind.REGULAR,
        year=2020,
        status=Campaign.Status.LAUNCHED,
    )
    ward_e = clusters.other.members.get()
    campaign.participants.set([*clusters.members, ward_e, outsider])
    window = RegistrationWindow.objects.create(campaign=campaign, closes_on=CLOSES_ON)
    return WindowSetup(window, campaign, clusters, outsider, officer(outsider, "canbo_yte"))


def registration_with_lines(
    setup: WindowSetup, unit: Unit, *, people: int = 1, title: str = "advanced_worker"
) -> Registration:
    """A draft registration of ``unit`` with one collective line (Advanced Collective) and
    ``people`` individual lines (new people of the unit seeking ``title``)."""
    registration = registration_start(window=setup.window, unit=unit)
    rows = [
        EntryInput(kind="collective", collective=unit, award=setup.title("advanced_collective"))
    ]
    for index in range(people):
        person = Person.objects.create(full_name=f"Nguyễn Văn {index + 1}", unit=unit)
        rows.append(EntryInput(kind="individual", person=person, award=setup.title(title)))
    return entries_replace(registration=registration, rows=rows)
