"""The scoring arithmetic: sheet totals, cross means, final scores, flagged differences, ranks."""

from decimal import Decimal

from campaigns.scoring import SheetPoints, competition_ranks, standings


def sheet(assessor: int, assessed: int, base: str, bonus: str = "0", penalty: str = "0"):
    return SheetPoints(assessor, assessed, Decimal(base), Decimal(bonus), Decimal(penalty))


def by_unit(rows) -> dict:
    return {row.unit_id: row for row in rows}


def test_competition_ranks_share_a_rank_and_skip_the_next():
    assert competition_ranks([Decimal(9), Decimal(7), Decimal(9), Decimal(5)]) == [1, 3, 1, 4]


def test_sheet_total_adds_bonus_and_deducts_penalty():
    assert sheet(1, 1, "90", bonus="3", penalty="2.5").total == Decimal("90.5")


def test_cross_assessment_is_the_mean_of_peer_sheets_rounded_to_cents():
    rows = standings(
        member_ids=[1, 2, 3, 4],
        sheets=[sheet(2, 1, "80"), sheet(3, 1, "81"), sheet(4, 1, "81"), sheet(1, 1, "85")],
        threshold=Decimal(5),
    )

    first = by_unit(rows)[1]
    assert first.cross_totals == (Decimal(80), Decimal(81), Decimal(81))
    assert first.cross_total == Decimal("80.67")
    assert first.total == Decimal("80.67")
    assert first.self_total == Decimal(85)


def test_final_score_is_the_self_assessment_when_no_peer_scored():
    rows = by_unit(standings(member_ids=[1], sheets=[sheet(1, 1, "70")], threshold=Decimal(5)))

    assert (rows[1].cross_total, rows[1].total) == (None, Decimal(70))
    assert (rows[1].difference, rows[1].flagged) == (None, False)


def test_difference_above_the_threshold_is_flagged_but_not_at_it():
    rows = by_unit(
        standings(
            member_ids=[1, 2],
            sheets=[sheet(1, 1, "90"), sheet(2, 1, "84.99"), sheet(2, 2, "80"), sheet(1, 2, "75")],
            threshold=Decimal(5),
        )
    )

    assert (rows[1].difference, rows[1].flagged) == (Decimal("5.01"), True)
    assert (rows[2].difference, rows[2].flagged) == (Decimal(5), False)


def test_ties_stay_tied_and_unscored_members_come_last_unranked():
    rows = standings(
        member_ids=[1, 2, 3, 4],
        sheets=[sheet(2, 1, "80"), sheet(1, 2, "80"), sheet(1, 3, "90")],
        threshold=Decimal(5),
    )

    assert [(row.unit_id, row.rank) for row in rows] == [(3, 1), (1, 2), (2, 2), (4, None)]
    assert rows[-1].total is None
