"""``write_report``: formats and progress."""

import io

import pytest

from reports.writers import write_report
from reports.writers.cells import PROGRESS_EVERY
from tests.reports.conftest import sample_report


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_progress_is_reported_as_rows_are_written(fmt):
    calls = []
    rows = PROGRESS_EVERY * 2 + 7
    report = sample_report(rows=rows)
    write_report(report, fmt, io.BytesIO(), lambda d, t=None: calls.append((d, t)))
    assert calls[0] == (0, rows)
    assert (PROGRESS_EVERY, rows) in calls
    assert calls[-1] == (rows, rows)
    assert [done for done, _total in calls] == sorted(done for done, _total in calls)


def test_progress_gives_the_count_at_the_end_when_it_was_not_known():
    report = sample_report(rows=3)
    report.sheets[0].count = None
    calls = []
    write_report(report, "csv", io.BytesIO(), lambda d, t=None: calls.append((d, t)))
    assert calls == [(0, None), (3, 3)]


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError, match="docx"):
        write_report(sample_report(), "docx", io.BytesIO())
