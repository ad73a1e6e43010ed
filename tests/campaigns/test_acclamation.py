"""The vote on the leading unit (suy tôn): quorum, ballots, majority, ties, once only."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from campaigns.models import Acclamation, Cluster
from campaigns.selectors import flag_proposals
from campaigns.services import scoring as services
from common.models import StateChange
from tests.campaigns.test_scoring_services import all_scored
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

HELD_ON = datetime.date(2020, 12, 18)


def closed(setup) -> Cluster:
    """The fixture's cluster, scored and closed: ward_a and ward_b tie for first."""
    a, b, c, d = setup.members
    all_scored(setup, {a: (90, 80), b: (85, 80), c: (70, 75), d: (60, 70)})
    services.scoring_close(cluster=setup.cluster, actor=setup.officer_of(a))
    return setup.cluster


def record(setup, *, present, ballots, cluster=None):
    """The leader records a vote; ``ballots`` maps voter unit → chosen unit."""
    return services.acclamation_record(
        cluster=cluster or setup.cluster,
        held_on=HELD_ON,
        present=present,
        ballots={voter.pk: choice.pk for voter, choice in ballots.items()},
        actor=setup.officer_of(setup.members[0]),
        minutes="Hội nghị tổng kết cụm",
    )


def refusal(setup, **kwargs) -> str:
    with pytest.raises(ValidationError) as refused:
        record(setup, **kwargs)
    assert not Acclamation.objects.exists()
    return " ".join(refused.value.messages)


def test_a_majority_elects_the_leading_unit(clusters):
    a, b, c, d = clusters.members
    closed(clusters)

    acclamation = record(clusters, present=[a, b, c, d], ballots={a: b, b: b, c: b, d: a})

    assert acclamation.winner == b
    assert set(acclamation.present.all()) == {a, b, c, d}
    assert {(x.voter, x.choice) for x in acclamation.ballots.all()} == {
        (a, b),
        (b, b),
        (c, b),
        (d, a),
    }
    assert (acclamation.held_on, acclamation.recorded_by) == (HELD_ON, clusters.officer_of(a))


def test_the_vote_is_recorded_in_the_history_with_its_actor(clusters):
    a, b, c, _d = clusters.members
    closed(clusters)

    record(clusters, present=[a, b, c], ballots={a: b, b: b, c: b})

    change = StateChange.objects.get(
        content_type=ContentType.objects.get_for_model(Cluster),
        object_id=clusters.cluster.pk,
        field="acclamation",
    )
    assert (change.to_state, change.actor) == (b.name, clusters.officer_of(a))
    assert change.reason == "Hội nghị tổng kết cụm"


def test_a_long_winner_name_is_recorded_in_the_history(clusters):
    a, b, c, d = clusters.members
    b.name = "Trường Trung học cơ sở Phường Bình Minh – đơn vị dẫn đầu phong trào thi đua năm"
    b.save()
    closed(clusters)

    record(clusters, present=[a, b, c, d], ballots={a: b, b: b, c: b, d: b})

    change = StateChange.objects.get(field="acclamation")
    assert change.to_state == b.name[:64]


def test_a_tie_asks_for_a_new_vote_with_the_counts(clusters):
    a, b, c, d = clusters.members
    closed(clusters)

    message = refusal(clusters, present=[a, b, c, d], ballots={a: a, b: b, c: a, d: b})

    assert f"{a.name}: 2" in message
    assert f"{b.name}: 2" in message


def test_most_votes_without_a_majority_is_refused(clusters):
    a, b, c, d = clusters.members
    closed(clusters)

    message = refusal(clusters, present=[a, b, c, d], ballots={a: a, b: a, c: b, d: c})

    assert f"{a.name}: 2" in message


def test_without_quorum_nothing_is_recorded(clusters):
    a, b, _c, _d = clusters.members
    closed(clusters)

    message = refusal(clusters, present=[a, b], ballots={a: b, b: b})

    assert message == _(
        "Quorum not reached: %(present)s of %(members)s members present, %(needed)s needed."
    ) % {"present": 2, "members": 4, "needed": 3}


def test_every_member_present_casts_exactly_one_ballot(clusters):
    a, b, c, d = clusters.members
    closed(clusters)

    refusal(clusters, present=[a, b, c, d], ballots={a: b, b: b, c: b})
    refusal(clusters, present=[a, b, c], ballots={a: b, b: b, c: b, d: b})


def test_non_members_neither_attend_nor_receive_votes(clusters):
    a, b, c, d = clusters.members
    stranger = UnitFactory(name="Xã Ngoài Cụm")
    closed(clusters)

    refusal(clusters, present=[a, b, c, d, stranger], ballots={a: b, b: b, c: b, d: b})
    refusal(clusters, present=[a, b, c, d], ballots={a: stranger, b: stranger, c: stranger, d: b})


def test_the_vote_waits_for_scoring_to_close(clusters):
    a, b, c, d = clusters.members

    refusal(clusters, present=[a, b, c, d], ballots={a: b, b: b, c: b, d: b})


def test_the_vote_is_recorded_once(clusters):
    a, b, c, d = clusters.members
    closed(clusters)
    record(clusters, present=[a, b, c, d], ballots={a: b, b: b, c: b, d: b})

    with pytest.raises(ValidationError):
        record(clusters, present=[a, b, c, d], ballots={a: a, b: a, c: a, d: a})

    assert Acclamation.objects.get().winner == b


def test_a_cluster_without_members_cannot_elect_anyone(clusters):
    empty = clusters.other
    empty.members.clear()
    Cluster.objects.filter(pk=empty.pk).update(scoring_status=Cluster.ScoringStatus.CLOSED)

    with pytest.raises(ValidationError):
        record(clusters, present=[], ballots={}, cluster=empty)


def test_flag_proposals_list_the_elected_leading_units_of_the_year(clusters):
    acclamation = Acclamation.objects.create(
        cluster=clusters.cluster, held_on=datetime.date(2020, 12, 15), winner=clusters.members[2]
    )

    assert list(flag_proposals(year=2020, council=clusters.cluster.council)) == [acclamation]
    assert list(flag_proposals(year=2021)) == []
