"""Scoring services: the scale, assignments, sheets, closing; and the helpers other scoring
tests use to fill sheets."""

from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import F

from campaigns.models import Cluster, ClusterResult, ScoreSheet, ScoringCriterion
from campaigns.services import scoring as services
from common.models import StateChange

pytestmark = pytest.mark.django_db


def scores_of(setup, points) -> dict:
    """Criterion id → (points, evidence) for the fixture's four lines (base, base, bonus,
    penalty), in that order."""
    return {
        c.pk: (Decimal(str(p)), f"Minh chứng {c.order}")
        for c, p in zip(setup.criteria, points, strict=False)
    }


def sheet_submitted(setup, assessor, assessed, points) -> ScoreSheet:
    """``assessor`` submits its scores of ``assessed``."""
    sheet, _created = ScoreSheet.objects.get_or_create(
        cluster=setup.cluster, assessor=assessor, assessed=assessed
    )
    return services.sheet_save(
        sheet=sheet, scores=scores_of(setup, points), actor=setup.officer_of(assessor), submit=True
    )


def split(total) -> list:
    """Points of the four lines adding up to ``total`` (at most 100): 60 + 40, no bonus or
    penalty."""
    return [min(total, 60), max(total - 60, 0), 0, 0]


def all_scored(setup, totals: dict) -> None:
    """Every member submits its self-assessment and the next member scores it, the totals
    given per unit as ``{unit: (self total, peer total)}``."""
    members = setup.members
    for index, unit in enumerate(members):
        own, peer = totals[unit]
        sheet_submitted(setup, unit, unit, split(own))
        sheet_submitted(setup, members[(index + 1) % len(members)], unit, split(peer))


def changes(obj, field: str):
    return StateChange.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, field=field
    )


# --- Scale ------------------------------------------------------------------------------------


def test_criteria_replace_sets_the_scale_in_order(clusters, officer_a):
    rows = [
        {"name": "Chuyên môn", "kind": "base", "max_points": Decimal(70)},
        {"name": "Điểm thưởng", "kind": "bonus", "max_points": Decimal(5)},
    ]

    services.criteria_replace(cluster=clusters.cluster, rows=rows, actor=officer_a)

    scale = list(clusters.cluster.criteria.values_list("order", "name", "kind", "max_points"))
    assert scale == [(1, "Chuyên môn", "base", 70), (2, "Điểm thưởng", "bonus", 5)]
    assert changes(clusters.cluster, "criteria").get().actor == officer_a


def test_criteria_replace_is_refused_once_a_sheet_is_submitted(clusters, officer_a):
    ward_a = clusters.members[0]
    sheet_submitted(clusters, ward_a, ward_a, [50, 30, 0, 0])

    with pytest.raises(ValidationError):
        services.criteria_replace(cluster=clusters.cluster, rows=[], actor=officer_a)

    assert clusters.cluster.criteria.count() == 4


# --- Assignments ------------------------------------------------------------------------------


def test_round_robin_pairs_score_each_member_by_the_next_ones():
    assert services.round_robin_pairs([1, 2, 3], peers=2) == [
        (1, 2),
        (1, 3),
        (2, 3),
        (2, 1),
        (3, 1),
        (3, 2),
    ]
    assert services.round_robin_pairs([1, 2], peers=3) == [(1, 2), (2, 1)]


def test_sheets_assign_gives_self_sheets_and_the_pairs(clusters, officer_a):
    ids = [m.pk for m in clusters.members]

    services.sheets_assign(
        cluster=clusters.cluster, pairs=services.round_robin_pairs(ids), actor=officer_a
    )

    pairs = set(clusters.cluster.sheets.values_list("assessor_id", "assessed_id"))
    assert pairs == {(i, i) for i in ids} | {(ids[i], ids[(i + 1) % 4]) for i in range(4)}


def test_sheets_assign_drops_unsubmitted_sheets_but_keeps_submitted_ones(clusters, officer_a):
    a, b, c, _d = clusters.members
    sheet_submitted(clusters, a, b, [50, 30, 0, 0])
    ScoreSheet.objects.create(cluster=clusters.cluster, assessor=a, assessed=c)

    services.sheets_assign(cluster=clusters.cluster, pairs=[], actor=officer_a)

    sheets = clusters.cluster.sheets.exclude(assessor=F("assessed"))
    assert set(sheets.values_list("assessor_id", "assessed_id")) == {(a.pk, b.pk)}
    assert clusters.cluster.sheets.filter(assessor=F("assessed")).count() == 4


def test_sheets_assign_refuses_a_non_member(clusters, officer_a):
    stranger = clusters.other.members.get()

    with pytest.raises(ValidationError):
        services.sheets_assign(
            cluster=clusters.cluster,
            pairs=[(clusters.members[0].pk, stranger.pk)],
            actor=officer_a,
        )

    assert not clusters.cluster.sheets.exists()


# --- Sheets -----------------------------------------------------------------------------------


def test_sheet_save_refuses_points_over_the_maximum(clusters):
    ward_a = clusters.members[0]
    sheet = ScoreSheet.objects.create(cluster=clusters.cluster, assessor=ward_a, assessed=ward_a)

    with pytest.raises(ValidationError) as refused:
        services.sheet_save(
            sheet=sheet,
            scores=scores_of(clusters, [61, 40]),
            actor=clusters.officer_of(ward_a),
            submit=False,
        )

    assert "60" in refused.value.messages[0]
    assert not sheet.scores.exists()


def test_sheet_save_keeps_a_partial_draft(clusters):
    ward_a = clusters.members[0]
    sheet = ScoreSheet.objects.create(cluster=clusters.cluster, assessor=ward_a, assessed=ward_a)

    services.sheet_save(
        sheet=sheet,
        scores=scores_of(clusters, [55.5]),
        actor=clusters.officer_of(ward_a),
        submit=False,
    )

    sheet.refresh_from_db()
    assert sheet.submitted_at is None
    assert [(s.points, s.evidence) for s in sheet.scores.all()] == [
        (Decimal("55.50"), "Minh chứng 1")
    ]


def test_submit_requires_every_criterion(clusters):
    ward_a = clusters.members[0]
    sheet = ScoreSheet.objects.create(cluster=clusters.cluster, assessor=ward_a, assessed=ward_a)

    with pytest.raises(ValidationError):
        services.sheet_save(
            sheet=sheet,
            scores=scores_of(clusters, [50, 30, 0]),
            actor=clusters.officer_of(ward_a),
            submit=True,
        )

    sheet.refresh_from_db()
    assert sheet.submitted_at is None


def test_submit_is_refused_while_the_cluster_has_no_scale(clusters):
    ward_a = clusters.members[0]
    ScoringCriterion.objects.filter(cluster=clusters.cluster).delete()
    sheet = ScoreSheet.objects.create(cluster=clusters.cluster, assessor=ward_a, assessed=ward_a)

    with pytest.raises(ValidationError):
        services.sheet_save(sheet=sheet, scores={}, actor=clusters.officer_of(ward_a), submit=True)

    sheet.refresh_from_db()
    assert sheet.submitted_at is None


def test_a_submitted_sheet_is_final(clusters):
    ward_a = clusters.members[0]
    sheet = sheet_submitted(clusters, ward_a, ward_a, [50, 30, 2, 1])

    with pytest.raises(ValidationError):
        services.sheet_save(
            sheet=sheet,
            scores=scores_of(clusters, [60, 40, 5, 0]),
            actor=clusters.officer_of(ward_a),
            submit=False,
        )

    assert sorted(sheet.scores.values_list("points", flat=True)) == [1, 2, 30, 50]
    record = changes(sheet, "status").get()
    assert (record.to_state, record.actor) == ("submitted", clusters.officer_of(ward_a))


# --- Closing ----------------------------------------------------------------------------------


def test_closing_is_refused_while_a_member_is_unscored(clusters, officer_a):
    a, b, c, d = clusters.members
    for unit in (a, b, c):
        sheet_submitted(clusters, unit, unit, [50, 30, 0, 0])

    with pytest.raises(ValidationError) as refused:
        services.scoring_close(cluster=clusters.cluster, actor=officer_a)

    assert d.name in refused.value.messages[0]
    clusters.cluster.refresh_from_db()
    assert clusters.cluster.scoring_is_open
    assert not ClusterResult.objects.exists()


def test_closing_freezes_final_scores_and_shared_ranks(clusters, officer_a):
    a, b, c, d = clusters.members
    all_scored(clusters, {a: (90, 80), b: (85, 80), c: (70, 75), d: (60, 70)})

    services.scoring_close(cluster=clusters.cluster, actor=officer_a)

    results = [
        (r.unit, r.self_total, r.cross_total, r.total, r.rank)
        for r in ClusterResult.objects.filter(cluster=clusters.cluster)
    ]
    assert results == [
        (a, 90, 80, 80, 1),
        (b, 85, 80, 80, 1),
        (c, 70, 75, 75, 3),
        (d, 60, 70, 70, 4),
    ]
    clusters.cluster.refresh_from_db()
    assert clusters.cluster.scoring_status == Cluster.ScoringStatus.CLOSED
    record = changes(clusters.cluster, "scoring_status").get()
    assert (record.from_state, record.to_state, record.actor) == ("open", "closed", officer_a)


def test_after_closing_sheets_scale_and_assignments_are_read_only(clusters, officer_a):
    a, b, c, d = clusters.members
    all_scored(clusters, {a: (90, 80), b: (85, 80), c: (70, 75), d: (60, 70)})
    draft = ScoreSheet.objects.create(cluster=clusters.cluster, assessor=a, assessed=c)
    services.scoring_close(cluster=clusters.cluster, actor=officer_a)

    with pytest.raises(ValidationError):
        services.sheet_save(
            sheet=draft, scores=scores_of(clusters, [1]), actor=officer_a, submit=False
        )
    with pytest.raises(ValidationError):
        services.criteria_replace(cluster=clusters.cluster, rows=[], actor=officer_a)
    with pytest.raises(ValidationError):
        services.sheets_assign(cluster=clusters.cluster, pairs=[], actor=officer_a)

    assert not draft.scores.exists()
    assert clusters.cluster.criteria.count() == 4
    assert clusters.cluster.sheets.count() == 9
