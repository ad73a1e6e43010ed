"""The summary's charts: SVG with the bars' values written in, Vietnamese words, no script."""

import re
import xml.etree.ElementTree as ET

from reports.summary.charts import awards_chart, summary_charts, trend_chart
from reports.summary.selectors import annual_summary
from tests.reports.summary.conftest import YEAR

SVG = "{http://www.w3.org/2000/svg}"


def texts(svg: str) -> list[str]:
    # Our own SVG, not untrusted input.
    root = ET.fromstring(svg)  # noqa: S314
    return [(node.text or "").strip() for node in root.iter(f"{SVG}text")]


def test_awards_chart_writes_each_bars_value(world):
    summary = annual_summary(council=world.council, year=YEAR)

    chart = awards_chart(summary)

    words = texts(chart.svg)
    assert "Đăng ký và được khen thưởng theo danh hiệu" in " ".join(words)
    for name in ("Lao động tiên tiến", "Tập thể lao động tiên tiến", "Giấy khen"):
        assert name in words
    assert {"Đăng ký", "Được khen thưởng"} <= set(words)
    values = [(row.registered, row.granted) for row in summary.awards]
    assert values == [(2, 1), (1, 1), (1, 2)]
    # Each bar's value is written as a text of the "value" class.
    value_texts = re.findall(r'<text[^>]*class="value[^"]*"[^>]*>(\d+)</text>', chart.svg)
    assert sorted(map(int, value_texts)) == sorted([2, 1, 1, 1, 1, 2])


def test_trend_chart_stacks_the_years(world):
    summary = annual_summary(council=world.council, year=YEAR)

    chart = trend_chart(summary)

    words = texts(chart.svg)
    assert chart.title == "Số lượt khen thưởng các năm 2016–2020"
    assert [str(year) for year in range(2016, 2021)] == [
        w for w in words if w.isdigit() and len(w) == 4
    ]
    assert {"Lao động tiên tiến", "Giấy khen"} <= set(words)


def test_charts_have_no_script_and_a_shipped_font(world):
    summary = annual_summary(council=world.council, year=YEAR)

    for chart in summary_charts(summary):
        assert "<script" not in chart.svg
        assert "Liberation Serif Shipped" in chart.svg
        assert 'id="activate-serie-' not in chart.svg
        assert chart.data_uri.startswith("data:image/svg+xml;base64,")


def test_a_year_without_data_says_so(world):
    summary = annual_summary(council=world.council, year=2010)

    for chart in summary_charts(summary):
        assert "Không có số liệu" in texts(chart.svg)
