"""A registration's lines as the reviewer and the officer see them: each with the findings of
the eligibility engine (awards/eligibility) and what the catalog asks a registration to name.

``entry_checks`` checks many lines in a fixed number of queries (one ``load_history`` for all
their nominees), so the form, the review page and the import preview can all use it.
"""

from dataclasses import dataclass, field, replace

from django.utils.translation import gettext as _

from awards.eligibility import Finding, Severity, check_proposals
from awards.models import AwardForm, EmulationTitle, RegistrationAsks
from organizations.models import Person, Unit

# At registration (January) the year's own results are still to come, so a condition on them
# (ratings, titles of the year, initiatives, members' results, caps) is a warning: something to
# achieve by the year end. Only what no result of the year can change blocks a registration.
BLOCKS_REGISTRATION = frozenset(
    {
        "recipient_kind_not_allowed",
        "no_rule_in_force",
        "already_awarded",
        "hold_discipline",
        "hold_investigation",
        "hold_complaint",
    }
)

# The local rule behind ``registration_asks`` (son-tay-2020 §5.2), cited on its findings.
ASKS_CITATION = "Kế hoạch công tác thi đua, khen thưởng (đăng ký thi đua), son-tay-2020 §5.2"


@dataclass
class Line:
    """What one line proposes: a nominee (a Person, or a Unit as a collective), an award, and
    the initiative or model it names. ``findings`` is filled by ``entry_checks``."""

    nominee: Person | Unit
    award: EmulationTitle | AwardForm
    initiative_name: str = ""
    model_name: str = ""
    findings: list[Finding] = field(default_factory=list)
    entry: object | None = None  # the RegistrationEntry it was read from, if any

    @property
    def is_individual(self) -> bool:
        return isinstance(self.nominee, Person)

    @property
    def asks(self) -> str:
        """What the line must also name: "initiative", "model" or ""."""
        asks = self.award.registration_asks
        if asks == RegistrationAsks.INITIATIVE and self.is_individual:
            return asks
        if asks == RegistrationAsks.MODEL and not self.is_individual:
            return asks
        return ""

    @property
    def blocks(self) -> bool:
        return any(finding.is_blocking for finding in self.findings)


def missing_detail(line: Line) -> Finding | None:
    """The blocking finding for a line that does not name what its award asks, or None."""
    if line.asks == RegistrationAsks.INITIATIVE and not line.initiative_name.strip():
        message = _("%(award)s: name the initiative %(nominee)s plans to deliver this year.")
        code = "initiative_name_missing"
    elif line.asks == RegistrationAsks.MODEL and not line.model_name.strip():
        message = _("%(award)s: name the model %(nominee)s pledges to build this year.")
        code = "model_name_missing"
    else:
        return None
    text = message % {"award": line.award.name_vi, "nominee": line.nominee}
    return Finding(code, Severity.BLOCKING, text, ASKS_CITATION)


def entry_checks(*, lines: list[Line], year: int) -> list[Line]:
    """Fill each line's ``findings`` for ``year``: the eligibility engine's findings, blocking
    only when no result of the year can change them (``BLOCKS_REGISTRATION``, else warnings),
    then a blocking one when the line does not name what its award asks (``missing_detail``).

    Awards proposed for the same nominee in the same registration count as proposed together
    (``also_proposed``: Advanced Worker with Grassroots Fighter). A fixed number of queries
    whatever the number of lines. Returns ``lines``.
    """
    found_per_line = check_proposals(
        proposals=[(line.nominee, line.award.code) for line in lines], year=year
    )
    for line, found in zip(lines, found_per_line, strict=True):
        line.findings = [_as_registration_finding(finding) for finding in found]
        missing = missing_detail(line)
        if missing is not None:
            line.findings.append(missing)
    return lines


def _as_registration_finding(finding: Finding) -> Finding:
    if finding.is_blocking and finding.code not in BLOCKS_REGISTRATION:
        return replace(finding, severity=Severity.WARNING)
    return finding


def blocking_summary(lines: list[Line]) -> list[str]:
    """One message per blocking finding, prefixed with the nominee: why a submission is
    refused."""
    return [
        _("%(nominee)s: %(message)s") % {"nominee": line.nominee, "message": finding.message}
        for line in lines
        for finding in line.findings
        if finding.is_blocking
    ]
