"""Reads of the dossiers app, one module per part of the work; the common ones are re-exported.

core.py    what each user may see: rounds, dossiers, the secretariat's queue, history
"""

from dossiers.selectors.core import (
    councils_managed_by,
    councils_overseen_by,
    disclosed_nominations,
    dossier_history,
    dossier_nominations,
    dossiers_visible_to,
    review_queue,
    rounds_open_to,
    rounds_visible_to,
    secretariat_members,
    status_counts,
)

__all__ = [
    "councils_managed_by",
    "councils_overseen_by",
    "disclosed_nominations",
    "dossier_history",
    "dossier_nominations",
    "dossiers_visible_to",
    "review_queue",
    "rounds_open_to",
    "rounds_visible_to",
    "secretariat_members",
    "status_counts",
]
