"""``{% export_buttons %}`` (reports/templatetags/export_tags.py)."""

import re

import pytest
from django.http import QueryDict
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory
from django.urls import reverse

from reports.jobs.views import posted_params


def _render(text: str, url: str = "/awards/grants/?year=2020&unit=3&unit=4&page=2") -> str:
    request = RequestFactory().get(url)
    return Template("{% load export_tags %}" + text).render(Context({"request": request}))


def test_the_buttons_post_the_pages_filters_to_the_job(sample_exporter):
    html = _render('{% export_buttons "test_people" %}')
    forms = re.findall(r'<form method="post" action="([^"]+)"', html)
    formats = ("xlsx", "csv", "pdf")
    assert forms == [reverse("reports:job_new", args=["test_people", f]) for f in formats]
    for label in ("Excel", "CSV", "PDF"):
        assert f">{label}</button>" in html
    first = html.split("</form>")[0]
    hidden = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', first)
    assert hidden == [("year", "2020"), ("unit", "3"), ("unit", "4")]  # "page" dropped


def test_the_posted_buttons_give_the_exporter_the_same_filters(sample_exporter):
    html = _render('{% export_buttons "test_people" %}').split("</form>")[0]
    pairs = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html)
    data = QueryDict(mutable=True)
    for name, value in pairs:
        data.appendlist(name, value)
    assert posted_params(data) == {"year": "2020", "unit": ["3", "4"]}


def test_formats_and_label_can_be_chosen(sample_exporter):
    html = _render('{% export_buttons "test_people" formats="xlsx,csv" label="Tải về" %}')
    assert ">Excel</button>" in html
    assert ">CSV</button>" in html
    assert "PDF" not in html
    assert "Tải về" in html


def test_an_unknown_kind_renders_nothing():
    assert _render('{% export_buttons "nothing" %}').strip() == ""


def test_the_request_is_needed(sample_exporter):
    with pytest.raises(TemplateSyntaxError, match="request"):
        Template('{% load export_tags %}{% export_buttons "test_people" %}').render(Context({}))
