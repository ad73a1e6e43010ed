"""The vote page: the leader records the vote after closing; everyone then reads the result."""

import datetime

import pytest
from django.urls import reverse

from campaigns.models import Acclamation
from campaigns.services import scoring as services
from tests.campaigns.test_acclamation import closed
from tests.forms import posted_back

pytestmark = pytest.mark.django_db


def page_url(setup) -> str:
    return reverse("campaigns:acclamation", args=[setup.cluster.pk])


def vote_data(setup, page, votes: dict, *, absent=()) -> dict:
    """The form as posted back, with ``votes`` (voter unit → chosen unit) and the ``absent``
    members unticked."""
    data = posted_back(page)
    data["present"] = [u.pk for u in setup.members if u not in absent]
    data |= {f"vote_{voter.pk}": choice.pk for voter, choice in votes.items()}
    data["held_on"] = "18/12/2020"
    data["minutes"] = "Biên bản hội nghị"
    return data


def test_the_leader_records_the_vote_and_everyone_reads_the_result(client, clusters):
    a, b, c, d = clusters.members
    closed(clusters)
    client.force_login(clusters.officer_of(a))
    page = client.get(page_url(clusters))
    assert page.context["form"]["present"].value() == [a.pk, b.pk, c.pk, d.pk]

    response = client.post(page_url(clusters), vote_data(clusters, page, {a: b, b: b, c: b, d: a}))

    assert response.url == page_url(clusters)
    acclamation = Acclamation.objects.get()
    assert (acclamation.winner, acclamation.held_on) == (b, datetime.date(2020, 12, 18))
    client.force_login(clusters.officer_of(d))
    result = client.get(page_url(clusters))
    assert result.context["tally"] == [(b, 3), (a, 1)]
    assert f'<span id="winner">{b.name}</span>' in result.text
    assert "Cờ thi đua cấp tỉnh" in result.text
    assert 'id="acclamation-form"' not in result.text


def test_a_tie_keeps_the_input_and_shows_the_counts(client, clusters):
    a, b, c, d = clusters.members
    closed(clusters)
    client.force_login(clusters.officer_of(a))
    page = client.get(page_url(clusters))

    response = client.post(page_url(clusters), vote_data(clusters, page, {a: a, b: b, c: a, d: b}))

    assert response.status_code == 200
    errors = " ".join(response.context["form"].non_field_errors())
    assert f"{a.name}: 2" in errors
    assert f"{b.name}: 2" in errors
    assert 'id="vote-errors"' in response.text
    form = response.context["form"]
    assert form[f"vote_{c.pk}"].value() == str(a.pk)
    assert form["minutes"].value() == "Biên bản hội nghị"
    assert not Acclamation.objects.exists()


def test_an_absent_member_has_no_ballot(client, clusters):
    a, b, c, d = clusters.members
    closed(clusters)
    client.force_login(clusters.officer_of(a))
    page = client.get(page_url(clusters))

    response = client.post(
        page_url(clusters), vote_data(clusters, page, {a: b, b: b, c: b, d: b}, absent=[d])
    )

    assert list(response.context["form"].errors) == [f"vote_{d.pk}"]
    assert not Acclamation.objects.exists()


def test_a_member_present_must_vote(client, clusters):
    a, b, c, _d = clusters.members
    closed(clusters)
    client.force_login(clusters.officer_of(a))
    page = client.get(page_url(clusters))

    response = client.post(page_url(clusters), vote_data(clusters, page, {a: b, b: b, c: b}))

    assert list(response.context["form"].errors) == [f"vote_{clusters.members[3].pk}"]


def test_the_vote_form_waits_for_closing(client, clusters):
    a, b, c, d = clusters.members
    client.force_login(clusters.officer_of(a))

    page = client.get(page_url(clusters))
    response = client.post(
        page_url(clusters),
        {"held_on": "18/12/2020", "present": [a.pk, b.pk, c.pk, d.pk]}
        | {f"vote_{u.pk}": b.pk for u in (a, b, c, d)},
    )

    assert 'id="not-yet"' in page.text
    assert "form" not in page.context
    assert response.url == page_url(clusters)
    assert not Acclamation.objects.exists()


def test_a_member_who_does_not_lead_only_reads(client, clusters):
    a, b, c, d = clusters.members
    closed(clusters)
    client.force_login(clusters.officer_of(c))

    page = client.get(page_url(clusters))
    response = client.post(
        page_url(clusters),
        {"held_on": "18/12/2020", "present": [a.pk, b.pk, c.pk, d.pk]}
        | {f"vote_{u.pk}": c.pk for u in (a, b, c, d)},
    )

    assert page.status_code == 200
    assert 'id="acclamation-form"' not in page.text
    assert response.status_code == 403
    assert not Acclamation.objects.exists()


def test_a_second_recording_is_refused(client, clusters):
    a, b, c, d = clusters.members
    closed(clusters)
    services.acclamation_record(
        cluster=clusters.cluster,
        held_on=datetime.date(2020, 12, 18),
        present=[a, b, c, d],
        ballots={u.pk: b.pk for u in (a, b, c, d)},
        actor=clusters.officer_of(a),
    )
    client.force_login(clusters.officer_of(a))

    response = client.post(
        page_url(clusters),
        {"held_on": "19/12/2020", "present": [a.pk, b.pk, c.pk, d.pk]}
        | {f"vote_{u.pk}": a.pk for u in (a, b, c, d)},
    )

    assert response.url == page_url(clusters)
    assert Acclamation.objects.get().winner == b
