"""Views of the deadline pages (thin: they call reminders/services and the selectors).

- units.py: the officer's list, a responsible unit's obligation, marking it done, proofs;
- secretariat.py: a deadline's units and reminder times, the council's own obligations, the
  council's overdue and unreachable units, a plan's reminder times;
- outbox.py: what was sent and what waits, for administrators;
- calendar.py: the user's private calendar feed.
"""

from reminders.views.calendar import calendar, calendar_feed
from reminders.views.outbox import outbox, outbox_run
from reminders.views.secretariat import (
    council_overview,
    deadline_create,
    deadline_detail,
    deadline_offsets,
    plan_offsets,
)
from reminders.views.units import (
    deadline_list,
    proof_download,
    target_detail,
    target_done,
    target_reopen,
)

__all__ = [
    "calendar",
    "calendar_feed",
    "council_overview",
    "deadline_create",
    "deadline_detail",
    "deadline_list",
    "deadline_offsets",
    "outbox",
    "outbox_run",
    "plan_offsets",
    "proof_download",
    "target_detail",
    "target_done",
    "target_reopen",
]
