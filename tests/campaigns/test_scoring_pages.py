"""Scoring pages: the matrix, the scale, the assignments, closing and the score sheets."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from campaigns.models import Cluster, ClusterResult, ScoreSheet
from campaigns.services import scoring as services
from tests.campaigns.conftest import officer
from tests.campaigns.test_scoring_services import all_scored, sheet_submitted
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def url(name: str, obj) -> str:
    return reverse(f"campaigns:{name}", args=[obj.pk])


def scored(setup) -> None:
    """Every member scored: ward_a and ward_b tie for first; ward_a's self-assessment is 10
    points above its peers'."""
    a, b, c, d = setup.members
    all_scored(setup, {a: (90, 80), b: (85, 80), c: (70, 75), d: (60, 70)})


def matrix_row(page, unit) -> str:
    start = page.text.index(f'data-unit="{unit.pk}"')
    return page.text[start : page.text.index("</tr>", start)]


# --- Overview ---------------------------------------------------------------------------------


def test_overview_shows_the_matrix_with_ties_and_flagged_differences(client, clusters):
    a, b, c, _d = clusters.members
    scored(clusters)
    client.force_login(clusters.officer_of(c))

    page = client.get(url("scoring_overview", clusters.cluster))

    assert page.status_code == 200
    first = matrix_row(page, a)
    assert "=1" in first
    assert "90,00" in first
    assert f"{b.name}: <strong>80,00</strong>" in first
    assert 'data-flagged="1"' in first
    assert "10,00" in first
    assert "=1" in matrix_row(page, b)
    assert 'data-flagged="1"' not in matrix_row(page, b)
    assert "<td>3\n" in matrix_row(page, c)
    assert 'id="formula"' in page.text
    assert 'id="leader-actions"' not in page.text


def test_overview_marks_sheets_not_submitted_and_self_scores_used(client, clusters):
    a, b, _c, _d = clusters.members
    services.sheets_assign(cluster=clusters.cluster, pairs=[(b.pk, a.pk)], actor=None)
    sheet_submitted(clusters, a, a, [50, 30, 0, 0])
    client.force_login(clusters.officer_of(a))

    page = client.get(url("scoring_overview", clusters.cluster))

    row = page.context["lines"][0]
    assert (row["unit"], row["standing"].total, row["standing"].rank) == (a, Decimal(80), 1)
    assert row["peers"] == [(ScoreSheet.objects.get(assessor=b, assessed=a), None)]
    assert "80,00" in matrix_row(page, a)
    assert 'id="leader-actions"' in page.text
    assert url("scoring_close", clusters.cluster) in page.text


def test_overview_lists_the_users_own_sheets_self_assessment_first(client, clusters):
    a, b, _c, d = clusters.members
    services.sheets_assign(cluster=clusters.cluster, pairs=[(b.pk, a.pk), (b.pk, d.pk)], actor=None)
    client.force_login(clusters.officer_of(b))

    page = client.get(url("scoring_overview", clusters.cluster))

    assert [(s.assessor, s.assessed) for s in page.context["my_sheets"]] == [
        (b, b),
        (b, a),
        (b, d),
    ]
    for sheet in page.context["my_sheets"]:
        assert url("sheet_fill", sheet) in page.text


def test_overview_after_closing_shows_the_frozen_results_and_history(client, clusters):
    a, b, _c, _d = clusters.members
    scored(clusters)
    services.scoring_close(cluster=clusters.cluster, actor=clusters.officer_of(a))
    client.force_login(clusters.officer_of(a))

    page = client.get(url("scoring_overview", clusters.cluster))

    assert [(r.unit, r.rank, tied) for r, tied in page.context["results"]][:2] == [
        (a, 1, True),
        (b, 1, True),
    ]
    assert 'id="results"' in page.text
    assert 'id="read-only"' in page.text
    assert 'id="leader-actions"' not in page.text
    assert url("acclamation", clusters.cluster) in page.text
    assert [e.to_label for e in page.context["history"]][-1] == str(
        Cluster.ScoringStatus.CLOSED.label
    )


def bigger_cluster(setup, size: int) -> Cluster:
    """The fixture's cluster grown to ``size`` members, every member scored by the next two."""
    for index in range(size - len(setup.members)):
        unit = UnitFactory(name=f"Phường Thêm {index:02}", parent=setup.members[0].parent)
        setup.cluster.members.add(unit)
        setup.officers[unit.pk] = officer(unit, f"canbo_them_{index}")
    members = list(setup.cluster.members.order_by("name"))
    ids = [m.pk for m in members]
    services.sheets_assign(
        cluster=setup.cluster, pairs=services.round_robin_pairs(ids, peers=2), actor=None
    )
    for sheet in setup.cluster.sheets.select_related("assessor", "assessed"):
        sheet_submitted(setup, sheet.assessor, sheet.assessed, [50, 30, 1, 0])
    return setup.cluster


@pytest.mark.parametrize("size", [4, 12])
def test_overview_query_count_does_not_grow_with_members(
    client, django_assert_num_queries, clusters, size
):
    cluster = bigger_cluster(clusters, size)
    client.force_login(clusters.officer_of(clusters.members[1]))

    # savepoint, session, user, cluster, view permission (his memberships, read once; council
    # unit's parent, member check), members, sheets, submitted points (once, for the standings
    # and the per-sheet totals), criteria, own sheets, acclamation, history, release
    with django_assert_num_queries(15):
        page = client.get(url("scoring_overview", cluster))

    assert len(page.context["lines"]) == size


@pytest.mark.parametrize("size", [4, 12])
def test_overview_query_count_after_closing_does_not_grow(
    client, django_assert_num_queries, clusters, size
):
    cluster = bigger_cluster(clusters, size)
    services.scoring_close(cluster=cluster, actor=None)
    client.force_login(clusters.officer_of(clusters.members[0]))

    # as above, the leader needing no member check, plus the frozen results
    with django_assert_num_queries(15):
        page = client.get(url("scoring_overview", cluster))

    assert len(page.context["results"]) == size


# --- Who may see and do what ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["scoring_scale", "scoring_assign", "acclamation"])
def test_a_member_who_does_not_lead_cannot_post_leader_pages(client, clusters, name):
    client.force_login(clusters.officer_of(clusters.members[1]))

    assert client.post(url(name, clusters.cluster), {}).status_code == 403


@pytest.mark.parametrize("name", ["scoring_scale", "scoring_assign"])
def test_a_member_who_does_not_lead_cannot_open_leader_pages(client, clusters, name):
    client.force_login(clusters.officer_of(clusters.members[2]))

    assert client.get(url(name, clusters.cluster)).status_code == 403


def test_a_member_who_does_not_lead_cannot_close_scoring(client, clusters):
    scored(clusters)
    client.force_login(clusters.officer_of(clusters.members[1]))

    response = client.post(url("scoring_close", clusters.cluster), {"confirm": "1"})

    assert response.status_code == 403
    clusters.cluster.refresh_from_db()
    assert clusters.cluster.scoring_is_open


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("scoring_overview", "get"),
        ("scoring_scale", "get"),
        ("scoring_scale", "post"),
        ("scoring_assign", "get"),
        ("scoring_assign", "post"),
        ("scoring_close", "post"),
        ("acclamation", "get"),
        ("acclamation", "post"),
    ],
)
def test_an_officer_of_another_cluster_does_not_find_cluster_pages(client, clusters, name, method):
    client.force_login(clusters.officer_of(clusters.other.members.get()))

    response = getattr(client, method)(url(name, clusters.cluster), {"confirm": "1"})

    assert response.status_code == 404


def test_an_officer_of_another_cluster_does_not_find_its_sheets(client, clusters):
    a = clusters.members[0]
    sheet = ScoreSheet.objects.create(cluster=clusters.cluster, assessor=a, assessed=a)
    client.force_login(clusters.officer_of(clusters.other.members.get()))

    assert client.get(url("sheet_fill", sheet)).status_code == 404


def test_a_peer_cannot_fill_another_units_sheet(client, clusters):
    a, b, c, _d = clusters.members
    sheet = ScoreSheet.objects.create(cluster=clusters.cluster, assessor=b, assessed=a)
    client.force_login(clusters.officer_of(c))

    assert client.get(url("sheet_fill", sheet)).status_code == 403
    assert client.post(url("sheet_fill", sheet), {"save": "1"}).status_code == 403
    client.force_login(clusters.officer_of(a))
    assert client.get(url("sheet_fill", sheet)).status_code == 403


# --- Scale ------------------------------------------------------------------------------------


def scale_data(rows, *, initial: int = 0) -> dict:
    data = {
        "criteria-TOTAL_FORMS": str(len(rows)),
        "criteria-INITIAL_FORMS": str(initial),
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data |= {f"criteria-{index}-{key}": value for key, value in row.items()}
    return data


def test_the_leader_saves_the_scale(client, clusters):
    client.force_login(clusters.officer_of(clusters.members[0]))
    page = client.get(url("scoring_scale", clusters.cluster))
    assert page.context["formset"].initial_form_count() == 4

    response = client.post(
        url("scoring_scale", clusters.cluster),
        scale_data(
            [
                {"name": "Nhiệm vụ chính trị", "kind": "base", "max_points": "80"},
                {"name": "Điểm cộng", "kind": "bonus", "max_points": "5"},
                {"name": "", "kind": "base", "max_points": ""},
            ]
        ),
    )

    assert response.url == url("scoring_overview", clusters.cluster)
    assert list(clusters.cluster.criteria.values_list("name", "kind", "max_points")) == [
        ("Nhiệm vụ chính trị", "base", 80),
        ("Điểm cộng", "bonus", 5),
    ]


def test_an_invalid_scale_keeps_the_typed_rows(client, clusters):
    client.force_login(clusters.officer_of(clusters.members[0]))

    page = client.post(
        url("scoring_scale", clusters.cluster),
        scale_data([{"name": "Nhiệm vụ chính trị", "kind": "base", "max_points": "0"}]),
    )

    assert page.status_code == 200
    row = page.context["formset"].forms[0]
    assert "max_points" in row.errors
    assert row["name"].value() == "Nhiệm vụ chính trị"
    assert clusters.cluster.criteria.count() == 4


def test_the_scale_is_read_only_once_a_sheet_is_submitted(client, clusters):
    a = clusters.members[0]
    sheet_submitted(clusters, a, a, [50, 30, 0, 0])
    client.force_login(clusters.officer_of(a))

    page = client.get(url("scoring_scale", clusters.cluster))
    posted = client.post(url("scoring_scale", clusters.cluster), scale_data([]))

    assert 'id="read-only"' in page.text
    assert posted.status_code == 200
    assert clusters.cluster.criteria.count() == 4


# --- Assignments ------------------------------------------------------------------------------


def test_the_leader_assigns_round_robin(client, clusters):
    a, b, c, d = sorted(clusters.members, key=lambda u: u.name)
    client.force_login(clusters.officer_of(clusters.members[0]))

    response = client.post(
        url("scoring_assign", clusters.cluster), {"round_robin": "1", "peers": "2"}
    )

    assert response.url == url("scoring_assign", clusters.cluster)
    cross = set(
        clusters.cluster.sheets.exclude(assessor_id__in=[]).values_list(
            "assessor__name", "assessed__name"
        )
    )
    names = [u.name for u in (a, b, c, d)]
    assert {(x, y) for x, y in cross if x != y} == {
        (names[i], names[(i + step) % 4]) for i in range(4) for step in (1, 2)
    }
    assert clusters.cluster.sheets.count() == 4 + 8


def test_round_robin_with_too_many_peers_is_refused(client, clusters):
    client.force_login(clusters.officer_of(clusters.members[0]))

    page = client.post(url("scoring_assign", clusters.cluster), {"round_robin": "1", "peers": "4"})

    assert page.status_code == 200
    assert "peers" in page.context["form"].errors
    assert not clusters.cluster.sheets.exists()


def test_the_leader_ticks_assessments_by_hand(client, clusters):
    a, b, c, _d = clusters.members
    client.force_login(clusters.officer_of(a))

    client.post(
        url("scoring_assign", clusters.cluster),
        {"manual": "1", "pair": [f"{a.pk}-{b.pk}", f"{c.pk}-{a.pk}", "rác"]},
    )

    pairs = set(clusters.cluster.sheets.values_list("assessor", "assessed"))
    assert {(x, y) for x, y in pairs if x != y} == {(a.pk, b.pk), (c.pk, a.pk)}
    page = client.get(url("scoring_assign", clusters.cluster))
    assert f'value="{a.pk}-{b.pk}" id="pair-{a.pk}-{b.pk}" checked' in page.text


def test_assessing_a_non_member_by_hand_is_refused(client, clusters):
    a = clusters.members[0]
    stranger = clusters.other.members.get()
    client.force_login(clusters.officer_of(a))

    response = client.post(
        url("scoring_assign", clusters.cluster), {"manual": "1", "pair": f"{a.pk}-{stranger.pk}"}
    )

    assert response.status_code == 200
    assert len(messages_of(response)) == 1
    assert not clusters.cluster.sheets.exists()


# --- Closing ----------------------------------------------------------------------------------


def test_closing_needs_the_confirmation(client, clusters):
    scored(clusters)
    client.force_login(clusters.officer_of(clusters.members[0]))

    response = client.post(url("scoring_close", clusters.cluster))

    assert response.url == url("scoring_overview", clusters.cluster)
    assert len(messages_of(response)) == 1
    clusters.cluster.refresh_from_db()
    assert clusters.cluster.scoring_is_open


def test_closing_with_an_unscored_member_says_who(client, clusters):
    a, _b, _c, d = clusters.members
    client.force_login(clusters.officer_of(a))

    response = client.post(url("scoring_close", clusters.cluster), {"confirm": "1"})

    assert response.url == url("scoring_overview", clusters.cluster)
    assert d.name in messages_of(response)[0]
    assert not ClusterResult.objects.exists()


def test_the_leader_closes_scoring(client, clusters):
    scored(clusters)
    client.force_login(clusters.officer_of(clusters.members[0]))

    client.post(url("scoring_close", clusters.cluster), {"confirm": "1"})

    clusters.cluster.refresh_from_db()
    assert not clusters.cluster.scoring_is_open
    assert ClusterResult.objects.filter(cluster=clusters.cluster).count() == 4


def test_leader_pages_are_closed_after_closing(client, clusters):
    scored(clusters)
    services.scoring_close(cluster=clusters.cluster, actor=None)
    client.force_login(clusters.officer_of(clusters.members[0]))

    for name in ("scoring_scale", "scoring_assign"):
        response = client.post(url(name, clusters.cluster), {"round_robin": "1", "peers": "1"})
        assert response.url == url("scoring_overview", clusters.cluster)
    assert clusters.cluster.criteria.count() == 4
    assert clusters.cluster.sheets.count() == 8


# --- Score sheets -----------------------------------------------------------------------------


def sheet_data(setup, points, *, button: str = "save") -> dict:
    data = {button: "1"}
    for criterion, value in zip(setup.criteria, points, strict=True):
        data[f"points_{criterion.pk}"] = value
        data[f"evidence_{criterion.pk}"] = f"Báo cáo số {criterion.order}" if value else ""
    return data


def own_sheet(setup, unit) -> ScoreSheet:
    return ScoreSheet.objects.create(cluster=setup.cluster, assessor=unit, assessed=unit)


def test_a_member_saves_a_draft_and_sees_it_again(client, clusters):
    a = clusters.members[0]
    sheet = own_sheet(clusters, a)
    client.force_login(clusters.officer_of(a))

    response = client.post(url("sheet_fill", sheet), sheet_data(clusters, ["55.25", "", "", ""]))

    assert response.url == url("sheet_fill", sheet)
    page = client.get(url("sheet_fill", sheet))
    form = page.context["form"]
    assert form[f"points_{clusters.criteria[0].pk}"].value() == Decimal("55.25")
    assert form[f"evidence_{clusters.criteria[0].pk}"].value() == "Báo cáo số 1"
    assert 'step="0.25"' in page.text
    assert 'max="60.00"' in page.text
    sheet.refresh_from_db()
    assert sheet.submitted_at is None


def test_points_over_the_maximum_keep_what_was_typed(client, clusters):
    a = clusters.members[0]
    sheet = own_sheet(clusters, a)
    client.force_login(clusters.officer_of(a))

    page = client.post(url("sheet_fill", sheet), sheet_data(clusters, ["61", "35", "", ""]))

    assert page.status_code == 200
    form = page.context["form"]
    assert f"points_{clusters.criteria[0].pk}" in form.errors
    assert form[f"points_{clusters.criteria[0].pk}"].value() == "61"
    assert form[f"points_{clusters.criteria[1].pk}"].value() == "35"
    assert not sheet.scores.exists()


def test_points_off_the_quarter_step_are_refused(client, clusters):
    a = clusters.members[0]
    sheet = own_sheet(clusters, a)
    client.force_login(clusters.officer_of(a))

    page = client.post(url("sheet_fill", sheet), sheet_data(clusters, ["50.1", "", "", ""]))

    assert f"points_{clusters.criteria[0].pk}" in page.context["form"].errors
    assert not sheet.scores.exists()


def test_submitting_needs_every_line(client, clusters):
    a = clusters.members[0]
    sheet = own_sheet(clusters, a)
    client.force_login(clusters.officer_of(a))

    page = client.post(
        url("sheet_fill", sheet), sheet_data(clusters, ["50", "30", "", "0"], button="submit")
    )

    assert page.status_code == 200
    assert list(page.context["form"].errors) == [f"points_{clusters.criteria[2].pk}"]
    sheet.refresh_from_db()
    assert sheet.submitted_at is None


def test_a_submitted_sheet_is_read_only(client, clusters):
    a = clusters.members[0]
    sheet = own_sheet(clusters, a)
    client.force_login(clusters.officer_of(a))

    response = client.post(
        url("sheet_fill", sheet), sheet_data(clusters, ["50", "30", "2.5", "1"], button="submit")
    )

    assert response.url == url("scoring_overview", clusters.cluster)
    sheet.refresh_from_db()
    assert sheet.submitted_by == clusters.officer_of(a)
    page = client.get(url("sheet_fill", sheet))
    assert 'id="read-only"' in page.text
    assert 'id="sheet-form"' not in page.text
    assert page.context["total"] == Decimal("81.5")
    assert "81,50" in page.text
    again = client.post(url("sheet_fill", sheet), sheet_data(clusters, ["60", "40", "5", "0"]))
    assert again.url == url("sheet_fill", sheet)
    assert sorted(sheet.scores.values_list("points", flat=True)) == [1, Decimal("2.5"), 30, 50]


def test_a_sheet_of_a_closed_cluster_is_read_only(client, clusters):
    scored(clusters)
    a, _b, c, _d = clusters.members
    draft = ScoreSheet.objects.create(cluster=clusters.cluster, assessor=a, assessed=c)
    services.scoring_close(cluster=clusters.cluster, actor=None)
    client.force_login(clusters.officer_of(a))

    page = client.get(url("sheet_fill", draft))
    client.post(url("sheet_fill", draft), sheet_data(clusters, ["60", "40", "5", "0"]))

    assert 'id="read-only"' in page.text
    assert not draft.scores.exists()
