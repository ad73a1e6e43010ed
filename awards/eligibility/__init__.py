"""The eligibility engine: may a nominee be proposed for an award for a year?

``check_eligibility(nominee=…, award=…, year=…)`` returns a list of ``Finding`` (empty: eligible).
To check many nominees, load their records once with ``load_history`` and pass it as
``history``: the number of queries then does not grow with the number of nominees;
``check_proposals`` does that for the lines of one registration or dossier.

The rules come from the catalog (``AwardRule.criteria``, in force for the year and province);
the keys it may hold and what each checks are documented on the check functions listed in
``engine.CHECKS``: ``holds_block`` (holds.py), ``same_year_title``, ``min_rating``,
``consecutive_years``, ``any_of``, ``initiative_level`` (rules_individual.py),
``alternatives`` (rules_forms.py), ``collective_members`` (rules_collective.py), ``cap``
(caps.py).
"""

from awards.eligibility.context import Context as EligibilityContext
from awards.eligibility.engine import check_eligibility, check_proposals
from awards.eligibility.findings import Finding, Severity, is_eligible
from awards.eligibility.history import History, load_history

__all__ = [
    "EligibilityContext",
    "Finding",
    "History",
    "Severity",
    "check_eligibility",
    "check_proposals",
    "is_eligible",
    "load_history",
]
