"""Reminder times: how "-7w, -3w, -1d, 0, +1d" is read, and the day each reminder falls on
(Vietnamese public holidays from the ``holidays`` package, the Tết 2026 break included)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from reminders.models import Deadline
from reminders.offsets import CALENDAR, Offset, parse_offsets, validate_offsets

D = datetime.date


def tokens(text: str, **kwargs) -> list[str]:
    return [offset.token for offset in parse_offsets(text, **kwargs)]


def test_parse_offsets_default_list_earliest_first():
    assert tokens("-7w, -3w, -1d, 0, +1d") == ["-7w", "-3w", "-1d", "0", "+1d"]


def test_parse_offsets_sorts_drops_repeats_and_accepts_other_separators():
    assert tokens("+1d 0;-7W, -7w,,  +1D") == ["-7w", "0", "+1d"]


def test_parse_offsets_bare_number_counts_in_working_days_by_default():
    assert tokens("-3, +2") == ["-3w", "+2w"]


def test_parse_offsets_bare_number_counts_in_calendar_days_when_deadline_says_so():
    assert tokens("-3, 0, 2", counting=CALENDAR) == ["-3d", "0", "+2d"]


def test_parse_offsets_zero_is_the_due_date_whatever_its_unit():
    assert tokens("0w, -0d, 0") == ["0"]
    assert parse_offsets("0")[0] == Offset(days=0, working=False)


def test_parse_offsets_empty_text_means_no_offsets():
    assert parse_offsets("") == ()
    validate_offsets("")


@pytest.mark.parametrize("text", ["-7x", "soon", "-1000d", "- 7w", "7 w", "+-1d"])
def test_parse_offsets_unreadable_token_is_refused_with_its_code(text):
    with pytest.raises(ValidationError) as refused:
        parse_offsets(text)
    assert refused.value.code == "invalid_offset"


def test_parse_offsets_error_names_the_token_in_the_users_language():
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        parse_offsets("-7w, -3x, 0")
    assert refused.value.messages == [
        "“-3x” is not a reminder time: write e.g. -7w, -1d, 0 or +1d."
    ]


def test_deadline_with_unreadable_offsets_fails_validation():
    deadline = Deadline(kind=Deadline.Kind.OTHER, title="Báo cáo", due_date=D(2026, 3, 12))
    deadline.offsets = "tuần trước"
    with pytest.raises(ValidationError) as refused:
        deadline.clean_fields()
    assert list(refused.value.message_dict) == ["offsets"]


def test_offset_overdue_only_after_the_due_date():
    assert [o.overdue for o in parse_offsets("-1d, 0, +1d")] == [False, False, True]


def test_seven_working_days_before_skips_the_tet_2026_break():
    # Due Friday 27/02/2026; Tết: Mon 16 – Fri 20/02/2026 are public holidays.
    seven, three = parse_offsets("-7w, -3w")
    assert seven.send_on(D(2026, 2, 27)) == D(2026, 2, 11)
    assert three.send_on(D(2026, 2, 27)) == D(2026, 2, 24)


def test_seven_working_days_before_an_ordinary_thursday():
    (seven,) = parse_offsets("-7w")
    assert seven.send_on(D(2026, 3, 12)) == D(2026, 3, 3)


def test_day_before_a_monday_falls_on_sunday_and_moves_to_friday():
    (day_before,) = parse_offsets("-1d")
    assert day_before.send_on(D(2026, 3, 16)) == D(2026, 3, 13)


def test_due_date_on_saturday_reminds_on_friday():
    (on_the_day,) = parse_offsets("0")
    assert on_the_day.send_on(D(2026, 3, 14)) == D(2026, 3, 13)


def test_day_after_a_friday_falls_on_saturday_and_moves_to_monday():
    (day_after,) = parse_offsets("+1d")
    assert day_after.send_on(D(2026, 3, 13)) == D(2026, 3, 16)


def test_day_after_before_tet_waits_for_the_end_of_the_break():
    (day_after,) = parse_offsets("+1d")
    assert day_after.send_on(D(2026, 2, 13)) == D(2026, 2, 23)


def test_calendar_days_before_a_public_holiday_move_to_the_working_day_before():
    # 3 days before Tue 05/05/2026 is Sat 02/05, after the 30/04 and 01/05 holidays.
    (three_days,) = parse_offsets("-3d")
    assert three_days.send_on(D(2026, 5, 5)) == D(2026, 4, 29)


def test_offset_describe_in_english():
    with translation.override("en"):
        assert [o.describe() for o in parse_offsets("-7w, -1w, -2d, 0, +1d, +3w")] == [
            "7 working days before",
            "2 days before",
            "1 working day before",
            "on the due date",
            "1 day overdue",
            "3 working days overdue",
        ]
