"""The summary page: its sections, its filter form, its charts under the CSP, and a constant
number of queries."""

import base64
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.reports.summary.conftest import YEAR

URL = reverse("reports:summary_page")


def page(client, user, **params):
    client.force_login(user)
    response = client.get(URL, params)
    assert response.status_code == 200
    return response


def test_page_shows_every_section(client, world, secretariat):
    html = page(client, secretariat).content.decode()

    for section in ("campaigns", "awards", "dossiers", "clusters-heading", "grants", "missing"):
        assert f'id="{section}"' in html
    assert 'data-award="title:advanced_worker"' in html
    assert "Nguyễn Thị Lan" in html
    assert "Người Xa Lạ" not in html  # another council's area
    assert world.tree.ward_b.name in html  # did not register
    assert 'id="count-registered-units">1/2<' in html
    assert 'id="count-granted">4<' in html


def test_filter_form_offers_the_councils_years_clusters_and_units(client, world, secretariat):
    form = page(client, secretariat).context["filter"].form

    assert form["year"].value() == str(YEAR)
    assert [value for value, _ in form.fields["year"].widget.choices] == [2020, 2018]
    clusters = [label for _, label in form.fields["cluster"].widget.choices]
    assert clusters == ["---------", "Cụm thi đua số 1", "Cụm thi đua số 2"]
    units = [label for _, label in form.fields["unit"].widget.choices]
    assert world.tree.ward_a.name in units
    assert world.tree.group_a.name not in units  # not directly below the council's unit
    assert world.tree.other_ward.name not in units


def test_charts_are_images_the_csp_allows(client, world, secretariat):
    html = page(client, secretariat).content.decode()

    sources = re.findall(r'<img[^>]+src="data:image/svg\+xml;base64,([^"]+)"', html)
    assert len(sources) == 2
    awards_svg = base64.b64decode(sources[0]).decode()
    assert "Lao động tiên tiến" in awards_svg
    assert "<script" not in awards_svg
    # Nothing the CSP refuses in the page itself: no inline script, style element or attribute.
    body = html.split("<main", 1)[1]
    assert "<script" not in body.split("</main>")[0]
    assert " style=" not in body
    assert "<style" not in body
    assert "<svg" not in html.split('id="charts"', 1)[1].split("</section>")[0]


def test_page_in_english_keeps_document_words_in_vietnamese(client, world, secretariat):
    client.force_login(secretariat)
    client.cookies["django_language"] = "en"
    html = client.get(URL, headers={"accept-language": "en"}).content.decode()

    assert "Annual summary" in html
    assert "Lao động tiên tiến" in html


def _queries(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as context:
        assert client.get(URL).status_code == 200
    return len(context.captured_queries)


def test_page_queries_do_not_grow_with_the_data(client, world, secretariat):
    world.grow(2)
    small = _queries(client, secretariat)
    world.grow(12)

    assert _queries(client, secretariat) == small
