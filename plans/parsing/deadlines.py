"""Dated obligations ("deadlines") of the plan.

* Running text: every date introduced by an obligation marker ("trước", "trước ngày",
  "chậm nhất", "hạn", "thời hạn", "không quá", "đến hết", "trong tháng", "xong trong
  tháng", "trong quý" …, see :func:`plans.parsing.dates.find_deadlines`). Dates without a
  marker — document references "… số 316/KH-UBND ngày 04/7/2017", anniversaries
  "(19/10/1962-19/10/2022)", "10/10 năm Thăng Long" — are not obligations. A month
  means its last day; a date without a year takes the plan's year. ``text`` is the
  sentence holding the date (bullet and trailing punctuation removed).
* Schedule: each task row with a due date gives one deadline whose text is the task.
* Order: running text in document order, then schedule rows in table order.
"""

import bisect

from plans.parsing.dates import find_deadlines
from plans.parsing.layout import Para
from plans.parsing.model import Deadline, ScheduleRow
from plans.parsing.text import fold, sentence_spans, strip_emphasis, strip_item


def text_deadlines(paras: list[Para], year: int | None) -> list[Deadline]:
    """Deadlines written in running text (table rows are skipped)."""
    found: list[Deadline] = []
    for para in paras:
        if para.is_table:
            continue
        text = strip_emphasis(para.text)
        deadlines = find_deadlines(fold(text), year)
        if not deadlines:
            continue
        spans = sentence_spans(text) or [(0, len(text))]
        starts = [span[0] for span in spans]
        sentences: dict[int, str] = {}
        for start, _end, due in deadlines:
            position = max(bisect.bisect_right(starts, start) - 1, 0)
            if position not in sentences:
                first, last = spans[position]
                sentences[position] = strip_item(text[first:last])
            found.append(Deadline(due, sentences[position]))
    return found


def schedule_deadlines(rows: list[ScheduleRow]) -> list[Deadline]:
    """One deadline per schedule row that has a due date."""
    return [
        Deadline(row.due_date, row.content or row.due_text or "")
        for row in rows
        if row.due_date is not None
    ]
