"""The annual summary's figures: totals match the data built, nothing outside the scope is
counted, and the number of queries does not grow with the data."""

import datetime
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.summary.selectors import annual_summary, grant_rows, summary_years
from tests.reports.summary.conftest import YEAR


def by_code(summary) -> dict:
    return {row.code: row for row in summary.awards}


def test_council_totals_match_the_data(world):
    summary = annual_summary(council=world.council, year=YEAR)

    assert [c.name for c in summary.campaigns] == [
        "Chung tay vì người nghèo",
        "Thi đua thường xuyên năm 2020",
    ]
    awards = by_code(summary)
    assert list(awards) == ["advanced_worker", "advanced_collective", "certificate_of_merit"]
    worker = awards["advanced_worker"]
    assert (worker.registered_individuals, worker.granted, worker.revoked) == (2, 1, 1)
    assert worker.rate == Decimal("50.0")
    assert (
        awards["advanced_collective"].registered_collectives,
        awards["advanced_collective"].granted,
    ) == (1, 1)
    merit = awards["certificate_of_merit"]
    assert (merit.registered, merit.granted, merit.rate) == (1, 2, Decimal("200.0"))
    assert (summary.registered_lines, summary.granted, summary.revoked_count) == (4, 4, 1)
    assert summary.grant_count == 5
    assert summary.rate == Decimal("100.0")


def test_dossiers_are_counted_by_state_every_state_listed(world):
    summary = annual_summary(council=world.council, year=YEAR)

    states = {row.state: (row.dossiers, row.nominations) for row in summary.dossiers}
    assert len(states) == 9
    assert states["submitted"] == (1, 2)
    assert states["draft"] == (1, 1)
    assert states["decision_issued"] == (0, 0)
    assert (summary.dossier_total, summary.nomination_total) == (2, 3)


def test_units_that_did_not_register(world):
    summary = annual_summary(council=world.council, year=YEAR)

    assert (summary.expected_units, summary.registered_units) == (2, 1)
    [missing] = summary.missing_units
    assert (missing.name, missing.state, missing.cluster) == (
        world.tree.ward_b.name,
        "draft",
        "Cụm thi đua số 1",
    )


def test_dissolved_units_are_not_expected(world):
    world.tree.ward_b.dissolved_on = datetime.date(2019, 7, 1)
    world.tree.ward_b.save()

    summary = annual_summary(council=world.council, year=YEAR)

    assert summary.expected_units == 1
    assert summary.missing_units == ()


def test_cluster_ranking_final_and_provisional(world):
    world.grow(3)

    summary = annual_summary(council=world.council, year=YEAR)

    closed, open_ = summary.clusters
    assert closed.final
    assert closed.winner == world.tree.ward_a.name
    assert [(r.rank, r.unit, r.total, r.is_leader, r.is_winner) for r in closed.rows] == [
        (1, world.tree.ward_a.name, Decimal("95.50"), True, True),
        (2, world.tree.ward_b.name, Decimal("90.00"), False, False),
    ]
    assert not open_.final
    assert [(r.rank, r.unit, r.total) for r in open_.rows] == [
        (1, "Phường Thêm 003", Decimal(53)),
        (2, "Phường Thêm 002", Decimal(52)),
        (3, "Phường Thêm 001", Decimal(51)),
    ]


def test_grants_list_marks_revoked_and_names_the_decision(world):
    summary = annual_summary(council=world.council, year=YEAR)

    rows = [(g.recipient, g.recipient_kind, g.award, g.revoked) for g in summary.grants]
    assert rows == [
        ("Lê Văn Hùng", "individual", "Lao động tiên tiến", True),
        ("Nguyễn Thị Lan", "individual", "Lao động tiên tiến", False),
        (world.tree.ward_a.name, "collective", "Tập thể lao động tiên tiến", False),
        (world.tree.ward_b.name, "collective", "Giấy khen", False),
        ("Hộ ông Đỗ Văn Hộ", "household", "Giấy khen", False),
    ]
    lan = next(g for g in summary.grants if g.recipient == "Nguyễn Thị Lan")
    assert (lan.unit, lan.decision_number, lan.decision_date.year) == (
        world.tree.ward_a.name,
        "58/QĐ-UBND",
        2021,
    )
    assert "Người Xa Lạ" not in {g.recipient for g in summary.grants}


def test_grants_are_ordered_titles_first_collectives_first(world):
    rows = list(grant_rows(council=world.council, year=YEAR))

    awards = [g.award for g in rows]
    assert awards.index("Giấy khen") > awards.index("Lao động tiên tiến")
    titles = [g for g in rows if g.award == "Tập thể lao động tiên tiến"]
    assert titles[0].recipient_kind == "collective"
    merit = [g.recipient_kind for g in rows if g.award == "Giấy khen"]
    assert merit == ["collective", "household"]


def test_trend_covers_five_years(world):
    summary = annual_summary(council=world.council, year=YEAR)

    assert [(t.year, t.total) for t in summary.trend] == [
        (2016, 0),
        (2017, 0),
        (2018, 1),
        (2019, 0),
        (2020, 4),
    ]
    assert summary.trend[-1].by_award == (
        ("title:advanced_worker", "Lao động tiên tiến", 1),
        ("title:advanced_collective", "Tập thể lao động tiên tiến", 1),
        ("form:certificate_of_merit", "Giấy khen", 2),
    )


def test_unit_scope_counts_the_unit_and_below_only(world):
    summary = annual_summary(council=world.council, year=YEAR, unit=world.tree.ward_a)

    awards = by_code(summary)
    assert awards["advanced_worker"].registered == 2  # Lan (ward A) and Hùng (group A)
    assert awards["advanced_worker"].granted == 1
    assert awards["certificate_of_merit"].granted == 0  # ward B's household and collective
    assert summary.granted == 2
    assert [row.dossiers for row in summary.dossiers if row.state == "submitted"] == [1]
    assert summary.dossier_total == 1
    assert (summary.expected_units, summary.missing_units) == (1, ())
    assert [c.name for c in summary.clusters] == ["Cụm thi đua số 1"]
    assert {c.participants_in_scope for c in summary.campaigns} == {1}


def test_unit_scope_of_another_unit_sees_nothing_of_ward_a(world):
    summary = annual_summary(council=world.council, year=YEAR, unit=world.tree.ward_b)

    assert summary.registered_lines == 0
    assert by_code(summary)["certificate_of_merit"].granted == 2
    assert [m.name for m in summary.missing_units] == [world.tree.ward_b.name]
    assert {g.recipient for g in summary.grants} == {world.tree.ward_b.name, "Hộ ông Đỗ Văn Hộ"}
    assert [c.name for c in summary.campaigns] == ["Thi đua thường xuyên năm 2020"]


def test_cluster_scope_counts_its_members_only(world):
    world.grow(2)

    summary = annual_summary(council=world.council, year=YEAR, cluster=world.cluster)

    assert summary.registered_lines == 4  # the extra wards' lines are outside
    assert summary.granted == 4
    assert summary.dossier_total == 2
    assert [c.name for c in summary.clusters] == ["Cụm thi đua số 1"]
    assert (summary.expected_units, summary.registered_units) == (2, 1)

    other = annual_summary(council=world.council, year=YEAR, cluster=world.open_cluster)
    assert (other.registered_lines, other.granted, other.dossier_total) == (2, 2, 2)
    assert (other.expected_units, other.registered_units, other.missing_units) == (2, 2, ())


def test_other_councils_and_years_are_never_counted(world):
    foreign = annual_summary(council=world.other_council, year=YEAR)
    assert (foreign.registered_lines, foreign.granted, foreign.dossier_total) == (1, 1, 1)
    assert {g.recipient for g in foreign.grants} == {"Người Xa Lạ"}

    earlier = annual_summary(council=world.council, year=2018)
    assert (earlier.registered_lines, earlier.granted, earlier.campaigns) == (0, 1, ())


def test_years_with_data(world):
    assert summary_years(council=world.council) == [2020, 2018]


def _queries(world) -> int:
    with CaptureQueriesContext(connection) as context:
        annual_summary(council=world.council, year=YEAR)
    return len(context.captured_queries)


def test_query_count_does_not_grow_with_the_data(world):
    world.grow(2)
    small = _queries(world)
    world.grow(10)
    summary = annual_summary(council=world.council, year=YEAR)

    assert _queries(world) == small
    assert summary.registered_lines == 4 + 12
    assert summary.dossier_total == 2 + 12
    assert len(summary.clusters[1].rows) == 12


def test_grant_limit_keeps_the_count(world):
    summary = annual_summary(council=world.council, year=YEAR, grant_limit=2)

    assert len(summary.grants) == 2
    assert summary.grant_count == 5
    assert summary.grants_truncated
