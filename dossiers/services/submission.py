"""Whether a dossier may be submitted now, and if it is late.

A dossier goes in only with at least one nomination, every document of its checklist
(Law Art. 84), a registration of its unit for the year where the round requires one
(son-tay-2020 §7: only registered units are considered), and the round open — or, after its
closing day, a round that accepts late dossiers (then it is flagged late). No national rule
refuses late dossiers; the strictness is the round's setting (LAW.md §4).
"""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from common.text import join_names
from dossiers.checklist import dossier_checklist
from dossiers.models import Dossier, Round
from registrations.selectors import registered_units
from registrations.services.flow import deadline_text


@dataclass
class SubmissionCheck:
    """``problems``: sentences saying what stops the submission (empty: it may go);
    ``late``: it arrives after the closing day of a round that accepts late dossiers."""

    problems: list[str] = field(default_factory=list)
    late: bool = False


def timing_problem(*, round_: Round, today: datetime.date) -> tuple[str | None, bool]:
    """(refusal or None, late) for a dossier of ``round_`` sent on ``today``."""
    if today < round_.opens_on:
        return _("The round opens on %(day)s.") % {"day": deadline_text(round_.opens_on)}, False
    if today <= round_.closes_on:
        return None, False
    if round_.late_policy == Round.LatePolicy.ACCEPT_FLAGGED:
        return None, True
    return (
        _(
            "The round closed on %(deadline)s: dossiers are no longer accepted. Ask the "
            "council's secretariat."
        )
        % {"deadline": deadline_text(round_.closes_on)}
    ), False


def submission_check(*, dossier: Dossier, today: datetime.date) -> SubmissionCheck:
    """Everything that stops ``dossier`` from being submitted on ``today`` (see module doc)."""
    check = SubmissionCheck()
    round_ = dossier.round
    refusal, check.late = timing_problem(round_=round_, today=today)
    if refusal:
        check.problems.append(refusal)
    if not dossier.nominations.exists():
        check.problems.append(_("Add at least one nomination."))
    missing = [item for item in dossier_checklist(dossier) if item.is_missing]
    if missing:
        names = [
            f"{item.label} ({item.nomination.nominee})" if item.nomination else str(item.label)
            for item in missing
        ]
        check.problems.append(
            _("Documents still missing: %(names)s.") % {"names": join_names(names)}
        )
    if round_.requires_registration and not (
        registered_units(year=round_.year, council=round_.council)
        .filter(pk=dossier.unit_id)
        .exists()
    ):
        check.problems.append(
            _("%(unit)s did not register for emulation in %(year)d; this round requires it.")
            % {"unit": dossier.unit, "year": round_.year}
        )
    return check
