"""The annual summary's charts, drawn on the server as SVG with pygal.

The same SVG text is shown on the page and printed in the PDF (``Report.charts``), so both
show the same chart. On the page it is an ``<img>`` whose source is the SVG as a ``data:`` URL
(``Chart.data_uri``; the CSP allows ``img-src data:``): pygal styles its drawing with a
``<style>`` element, which the page's CSP (``style-src 'self'``) would refuse inside the page's
own markup, but which applies inside an image. The ``<script>`` pygal adds for its tooltips is
removed: an image never runs it and the PDF has no use for it.

Chart words are document text (Vietnamese, like the PDF they go in). The text is set in Liberation
Serif, the shipped font the PDF loads under the family name "Liberation Serif Shipped"
(common/pdf.py); a browser, which does not load fonts into an image, falls back to the
Vietnamese-capable serif fonts named after it.
"""

import base64
import math
import re
import sys
from dataclasses import dataclass

from reports.summary.selectors import AnnualSummary

FONTS = "'Liberation Serif Shipped', 'Liberation Serif', 'Times New Roman', 'DejaVu Serif', serif"
REGISTERED_COLOUR, GRANTED_COLOUR = "#0d6efd", "#dc3545"
TREND_COLOURS = ("#dc3545", "#0d6efd", "#198754", "#fd7e14", "#6f42c1", "#20c997", "#6c757d")
TREND_SERIES = 6  # awards drawn apart in the trend; the others are summed as "Khác"
WIDTH = 720
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.DOTALL | re.IGNORECASE)
# Ids pygal gives its legend entries for its script, the same in every chart: two charts in one
# document (the PDF) would define them twice.
_SCRIPT_IDS = re.compile(r'\s+id="activate-serie-\d+"')

BY_AWARD_TITLE = "Đăng ký và được khen thưởng theo danh hiệu, hình thức năm {year}"
TREND_TITLE = "Số lượt khen thưởng các năm {first}–{last}"
REGISTERED = "Đăng ký"
GRANTED = "Được khen thưởng"
OTHERS = "Khác"
NO_DATA = "Không có số liệu"


@dataclass(frozen=True)
class Chart:
    """A chart: its ``title`` (document words) and its SVG document (``svg``, text)."""

    title: str
    svg: str

    @property
    def data_uri(self) -> str:
        """The SVG as a ``data:`` URL for an ``<img>`` on the page."""
        encoded = base64.b64encode(self.svg.encode("utf-8")).decode("ascii")
        return f"data:image/svg+xml;base64,{encoded}"


def _pygal():
    """pygal, imported on first use. Importing it appends a legacy import hook to
    ``sys.meta_path`` (for its map plugins, unused here) that makes every later failed import
    warn (ImportWarning), an error under the test settings: it is removed."""
    import pygal

    sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != "PluginImportFixer"]
    return pygal


def _style(colours: tuple[str, ...]):
    style_class = _pygal().style.Style
    return style_class(
        font_family=FONTS,
        background="white",
        plot_background="white",
        foreground="#212529",
        foreground_strong="#212529",
        foreground_subtle="#adb5bd",
        colors=colours,
        opacity=".9",
        opacity_hover=".9",
        title_font_size=16,
        label_font_size=14,
        major_label_font_size=14,
        legend_font_size=15,
        value_font_size=14,
        no_data_font_size=18,
    )


def _render(chart) -> str:
    return _SCRIPT_IDS.sub("", _SCRIPT.sub("", chart.render(is_unicode=True)))


def _ticks(top: int | None) -> dict:
    """Whole-number value ticks from 0 to at least ``top`` (counts have no halves); none
    for a chart without data (``top`` None): pygal writes "no data" over a bare frame."""
    if top is None:
        hidden = ("show_x_labels", "show_y_labels", "show_x_guides", "show_y_guides")
        return dict.fromkeys(hidden, False)
    step = max(1, math.ceil(top / 6))
    ticks = list(range(0, max(top, 1) + step, step))
    return {"y_labels": ticks, "range": (0, ticks[-1])}


def _options(title: str, height: int, colours: tuple[str, ...]) -> dict:
    return {
        "title": title,
        "style": _style(colours),
        "width": WIDTH,
        "height": height,
        "explicit_size": True,
        "js": [],
        "disable_xml_declaration": True,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 2,
        "truncate_label": -1,
        "truncate_legend": -1,
        "print_values": True,
        "no_data_text": NO_DATA,
    }


def awards_chart(summary: AnnualSummary) -> Chart:
    """Horizontal bars per title or form: the registered lines and the grants of the year,
    each bar with its value written at its end; the first award of the table on top."""
    title = BY_AWARD_TITLE.format(year=summary.year)
    rows = list(reversed(summary.awards))  # pygal draws the first label at the bottom
    chart = _pygal().HorizontalBar(
        **_options(title, 150 + 50 * max(len(rows), 2), (REGISTERED_COLOUR, GRANTED_COLOUR)),
        print_zeroes=True,
        print_values_position="top",
        **_ticks(max((max(r.registered, r.granted) for r in rows), default=None)),
    )
    chart.x_labels = [row.name for row in rows]
    if rows:
        chart.add(REGISTERED, [row.registered for row in rows])
        chart.add(GRANTED, [row.granted for row in rows])
    return Chart(title=title, svg=_render(chart))


def trend_chart(summary: AnnualSummary) -> Chart:
    """Stacked bars per year: the grants (not revoked) of the trend's years, one colour per
    award (the ``TREND_SERIES`` most granted; the others together as "Khác")."""
    years = [entry.year for entry in summary.trend]
    title = TREND_TITLE.format(first=years[0], last=years[-1]) if years else ""
    totals: dict[str, int] = {}
    names: dict[str, str] = {}
    for entry in summary.trend:
        for key, name, count in entry.by_award:
            totals[key] = totals.get(key, 0) + count
            names[key] = name
    ranked = sorted(totals, key=lambda key: -totals[key])
    shown, others = ranked[:TREND_SERIES], ranked[TREND_SERIES:]
    if len(others) == 1:
        shown, others = ranked, []
    chart = _pygal().StackedBar(
        **_options(title, 440, TREND_COLOURS),
        print_zeroes=False,
        **_ticks(max(entry.total for entry in summary.trend) if totals else None),
    )
    chart.x_labels = [str(year) for year in years]
    counts = [{key: count for key, _, count in entry.by_award} for entry in summary.trend]
    for key in shown:
        chart.add(names[key], [row.get(key, 0) for row in counts])
    if others:
        chart.add(OTHERS, [sum(row.get(key, 0) for key in others) for row in counts])
    return Chart(title=title, svg=_render(chart))


def summary_charts(summary: AnnualSummary) -> tuple[Chart, Chart]:
    """The summary's two charts: by award, then the trend."""
    return awards_chart(summary), trend_chart(summary)
