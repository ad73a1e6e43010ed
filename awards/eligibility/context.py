"""One check in progress: the nominee, the award, the rule in force and what counts on record."""

import datetime
from dataclasses import dataclass
from functools import cached_property

from awards.eligibility.findings import Finding, Severity, award_name, principles_citation
from awards.eligibility.history import History
from awards.eligibility.rows import GrantRow, HoldRow, Subject
from awards.models import AwardForm, AwardGrant, AwardRule, DisciplinaryRecord, EmulationTitle
from awards.selectors import reference_date

# Awards for these achievements never count toward merit-based proposals (D152 Art. 4).
NOT_MERIT = (AwardGrant.Achievement.SUDDEN, AwardGrant.Achievement.THEMATIC)


@dataclass
class Context:
    """What a rule check reads. ``also_proposed``: codes proposed for the same nominee in the
    same round for ``year``, which count as held that year."""

    history: History
    subject: Subject
    award: EmulationTitle | AwardForm
    rule: AwardRule
    year: int
    also_proposed: frozenset[str]

    # --- Wording ---------------------------------------------------------------------------

    @property
    def award_name(self) -> str:
        return award_name(self.award)

    def name_of(self, code: str) -> str:
        """The name of the title or form ``code`` (the code itself if the catalog lacks it)."""
        award = self.history.awards.get(code)
        return award_name(award) if award is not None else code

    def finding(self, code: str, severity: Severity, message: str) -> Finding:
        """A finding citing the rule in force."""
        return Finding(code, severity, message, self.rule.citation)

    def principle(self, code: str, severity: Severity, message: str) -> Finding:
        """A finding citing the general principles of commendation in force for the year."""
        return Finding(code, severity, message, principles_citation(reference_date(self.year)))

    # --- Records -----------------------------------------------------------------------------

    @cached_property
    def grants(self) -> list[GrantRow]:
        return self.history.grants.get(self.subject.key, [])

    @cached_property
    def holds(self) -> list[HoldRow]:
        if self.subject.kind != "individual":
            return []
        return self.history.holds.get(self.subject.pk, [])

    @cached_property
    def discipline_end(self) -> datetime.date | None:
        """Achievements count only from the end of the latest discipline begun by the end of
        ``year`` (D152 Art. 4); ``date.max`` while one has no end; None without discipline."""
        ends = [
            hold.ends_on or datetime.date.max
            for hold in self.holds
            if hold.kind == DisciplinaryRecord.Kind.DISCIPLINE
            and hold.starts_on <= reference_date(self.year)
        ]
        return max(ends, default=None)

    def merit(self, grant: GrantRow) -> bool:
        """Whether a grant may support a merit-based proposal: not revoked, not for a sudden or
        thematic achievement."""
        return not grant.revoked and grant.achievement not in NOT_MERIT

    def before_discipline_end(self, year: int) -> bool:
        """True when ``year`` began before the end of the latest discipline period."""
        end = self.discipline_end
        return end is not None and datetime.date(year, 1, 1) < end

    def years_held(self, code: str) -> set[int]:
        """Years the nominee holds ``code`` in a way that counts: merit, not revoked, not
        before the end of a discipline period; plus ``year`` when proposed in the same round."""
        years = {
            grant.year
            for grant in self.grants
            if grant.code == code
            and self.merit(grant)
            and not self.before_discipline_end(grant.year)
        }
        if code in self.also_proposed:
            years.add(self.year)
        return years

    def years_voided(self, code: str) -> set[int]:
        """Years the nominee holds ``code`` that do not count because of a discipline period."""
        return {
            grant.year
            for grant in self.grants
            if grant.code == code and self.merit(grant) and self.before_discipline_end(grant.year)
        }

    def rating(self, year: int) -> str | None:
        """The nominee's annual rating for ``year``, None when none is recorded."""
        return self.history.ratings.get(self.subject.key, {}).get(year)

    def window(self, params: dict) -> tuple[int, int]:
        """The consecutive-years period a group of conditions speaks of: the largest ``years``
        among its ``consecutive_years``, ``consecutive_ratings`` and ``titles_in_period``
        (1 without them), ending with ``year``."""
        spans = [
            int(value["years"])
            for key in ("consecutive_years", "consecutive_ratings", "titles_in_period")
            if isinstance(value := params.get(key), dict) and "years" in value
        ]
        return self.year - max([1, *spans]) + 1, self.year
