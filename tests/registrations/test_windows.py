"""Opening registrations: the last day read from the plan's schedule (son-tay-2020 task 6), or
given by the secretariat; moving it is recorded with its reason."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.urls import reverse

from campaigns.models import Campaign
from common.selectors import state_changes_of
from registrations.models import RegistrationWindow
from registrations.services.windows import window_open


def test_demo_window_takes_the_plan_registration_task(demo_world):
    window = RegistrationWindow.objects.select_related("schedule_task").get()
    assert window.closes_on == datetime.date(2020, 2, 28)
    assert window.schedule_task.order == 6
    assert "đăng ký thi đua" in window.schedule_task.content


def test_secretariat_opens_a_window_with_a_given_day(client, demo_world):
    campaign = Campaign.objects.get(name="Người tốt, việc tốt")
    client.force_login(User.objects.get(username="thuongtruc"))
    listing = client.get(reverse("registrations:window_list")).content.decode()
    assert f'data-campaign="{campaign.pk}"' in listing
    client.post(
        reverse("registrations:window_open", args=[campaign.pk]), {"closes_on": "15/03/2020"}
    )
    window = RegistrationWindow.objects.get(campaign=campaign)
    assert window.closes_on == datetime.date(2020, 3, 15)
    assert window.schedule_task is None  # not the plan's date


def test_officer_cannot_open_a_window(client, demo_world):
    campaign = Campaign.objects.get(name="Người tốt, việc tốt")
    client.force_login(User.objects.get(username="canbo"))
    response = client.post(reverse("registrations:window_open", args=[campaign.pk]), {})
    assert response.status_code in (403, 404)
    assert not RegistrationWindow.objects.filter(campaign=campaign).exists()


def test_a_draft_campaign_cannot_take_registrations(demo_world):
    campaign = Campaign.objects.filter(status=Campaign.Status.DRAFT).first()
    with pytest.raises(ValidationError):
        window_open(campaign=campaign, actor=None)


def test_moving_the_deadline_is_recorded(client, demo_world):
    window = RegistrationWindow.objects.get()
    client.force_login(User.objects.get(username="thuongtruc"))
    url = reverse("registrations:window_deadline", args=[window.pk])
    client.post(url, {"closes_on": "06/03/2020"})  # no reason: refused
    window.refresh_from_db()
    assert window.closes_on == datetime.date(2020, 2, 28)
    client.post(url, {"closes_on": "06/03/2020", "reason": "Theo chỉ đạo của UBND thị xã"})
    window.refresh_from_db()
    assert window.closes_on == datetime.date(2020, 3, 6)
    change = state_changes_of(obj=window).filter(field="closes_on").last()
    assert (change.from_state, change.to_state, change.reason) == (
        "28/02/2020",
        "06/03/2020",
        "Theo chỉ đạo của UBND thị xã",
    )
