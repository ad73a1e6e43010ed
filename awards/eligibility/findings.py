"""What the eligibility engine reports, and the wording helpers its rules share.

A ``Finding`` is one reason a nominee may not (yet) receive an award: a blocking rule, a warning
that does not block, or data the check needs and cannot find. Messages are gettext msgids in
English with Vietnamese translations; they name the concrete title, years and counts.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.utils import formats
from django.utils.translation import get_language, pgettext, pgettext_lazy

from awards.models import AnnualRating, AwardForm, DisciplinaryRecord, EmulationTitle, Initiative


class Severity(models.TextChoices):
    """How a finding weighs: ``blocking`` (not eligible), ``warning`` (eligible, but look),
    ``missing_data`` (cannot decide until the data is entered)."""

    BLOCKING = "blocking", pgettext_lazy("eligibility finding", "Not eligible")
    WARNING = "warning", pgettext_lazy("eligibility finding", "Warning")
    MISSING_DATA = "missing_data", pgettext_lazy("eligibility finding", "Missing data")


@dataclass(frozen=True)
class Finding:
    """One result of an eligibility check.

    ``code`` is a stable machine id (e.g. ``"same_year_title_missing"``), ``message`` the
    translated sentence shown to the user, ``citation`` the legal source of the rule applied
    (e.g. "Luật Thi đua, khen thưởng 2022, Điều 23").
    """

    code: str
    severity: Severity
    message: str
    citation: str

    @property
    def is_blocking(self) -> bool:
        return self.severity == Severity.BLOCKING


def is_eligible(findings: Iterable[Finding]) -> bool:
    """True when no finding blocks or lacks data (warnings alone do not stand in the way)."""
    return all(finding.severity == Severity.WARNING for finding in findings)


# The general principles of commendation in force on a day (one achievement one award, holds
# while under discipline, sudden/thematic awards outside merit chains): latest first.
PRINCIPLES = [
    (datetime.date(2025, 7, 1), "Nghị định 152/2025/NĐ-CP, Điều 4"),
    (datetime.date(2024, 1, 1), "Luật Thi đua, khen thưởng 2022, Điều 5"),
    (datetime.date.min, "Luật Thi đua, khen thưởng 2003, Điều 6"),
]


def principles_citation(day: datetime.date) -> str:
    """The source of the general principles of commendation in force on ``day``."""
    return next(citation for start, citation in PRINCIPLES if start <= day)


# --- Wording -------------------------------------------------------------------------------

RATING_ORDER = [
    AnnualRating.Rating.NOT_COMPLETED,
    AnnualRating.Rating.COMPLETED,
    AnnualRating.Rating.GOOD,
    AnnualRating.Rating.EXCELLENT,
]
LEVEL_ORDER = [
    DisciplinaryRecord.Level.REPRIMAND,
    DisciplinaryRecord.Level.WARNING,
    DisciplinaryRecord.Level.DEMOTION,
    DisciplinaryRecord.Level.DISMISSAL,
    DisciplinaryRecord.Level.FORCED_RESIGNATION,
]
INITIATIVE_ORDER = [
    Initiative.Level.GRASSROOTS,
    Initiative.Level.PROVINCIAL,
    Initiative.Level.NATIONAL,
]


def rating_text(rating: str) -> str:
    """The rating as it reads inside a sentence ("hoàn thành tốt nhiệm vụ")."""
    texts = {
        "excellent": pgettext("annual rating", "excellently completed tasks"),
        "good": pgettext("annual rating", "well completed tasks"),
        "completed": pgettext("annual rating", "completed tasks"),
        "not_completed": pgettext("annual rating", "did not complete tasks"),
    }
    return texts.get(rating, rating)


def level_text(level: str) -> str:
    """A disciplinary level inside a sentence ("cảnh cáo")."""
    texts = {
        "reprimand": pgettext("discipline level", "reprimand"),
        "warning": pgettext("discipline level", "warning"),
        "demotion": pgettext("discipline level", "demotion"),
        "dismissal": pgettext("discipline level", "dismissal"),
        "forced_resignation": pgettext("discipline level", "forced resignation"),
    }
    return texts.get(level) or pgettext("discipline level", "level not recorded")


def initiative_level_text(level: str) -> str:
    """An initiative level inside a sentence ("cơ sở")."""
    texts = {
        "grassroots": pgettext("initiative level", "grassroots"),
        "provincial": pgettext("initiative level", "provincial"),
        "national": pgettext("initiative level", "national"),
    }
    return texts.get(level, level)


def recipient_kind_text(kind: str) -> str:
    texts = {
        "individual": pgettext("recipient kind", "an individual"),
        "collective": pgettext("recipient kind", "a collective"),
        "household": pgettext("recipient kind", "a household"),
    }
    return texts.get(kind, kind)


def award_name(award: EmulationTitle | AwardForm) -> str:
    """The award's name in the active language (the catalog holds both)."""
    if (get_language() or "vi").startswith("vi"):
        return award.name_vi
    return award.name_en


def date_text(day: datetime.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def years_text(years: Iterable[int]) -> str:
    return ", ".join(str(year) for year in sorted(years))


def names_text(names: Iterable[str]) -> str:
    return ", ".join(names)


def period_text(start: int, end: int) -> str:
    """``"2024"`` for one year, ``"2022–2024"`` for several."""
    return str(end) if start == end else f"{start}–{end}"


def percent_text(value: float) -> str:
    return formats.number_format(round(value, 1), decimal_pos=1 if value % 1 else 0)
