"""Dataclasses holding what the parser extracted from one plan ("Kế hoạch").

:meth:`ParsedPlan.to_json` gives the JSON-ready dict (dates as "YYYY-MM-DD"); parser
``warnings`` stay out of it.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any


class PlanParseError(Exception):
    """A document cannot be read as a plan; ``str(error)`` is a Vietnamese message."""


def _iso(value: datetime.date | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass(frozen=True)
class Reference:
    """A superior plan this plan implements ("Thực hiện Kế hoạch số …")."""

    number: str | None
    date: datetime.date | None
    issuer: str | None

    def to_json(self) -> dict[str, Any]:
        """{"number", "date" (YYYY-MM-DD or None), "issuer"}."""
        return {"number": self.number, "date": _iso(self.date), "issuer": self.issuer}


@dataclass(frozen=True)
class Section:
    """One node of the section tree; ``level`` 1 is the outermost numbering style."""

    heading: str
    level: int
    text: str

    def to_json(self) -> dict[str, Any]:
        """{"heading", "level", "text"}."""
        return {"heading": self.heading, "level": self.level, "text": self.text}


@dataclass(frozen=True)
class ScheduleRow:
    """One task row of a schedule table; empty cells are None."""

    quarter: int | None
    content: str | None
    directing: str | None
    executing: str | None
    coordinating: str | None
    due_date: datetime.date | None
    due_text: str | None

    def to_json(self) -> dict[str, Any]:
        """All fields, ``due_date`` as YYYY-MM-DD."""
        return {
            "quarter": self.quarter,
            "content": self.content,
            "directing": self.directing,
            "executing": self.executing,
            "coordinating": self.coordinating,
            "due_date": _iso(self.due_date),
            "due_text": self.due_text,
        }


@dataclass(frozen=True)
class Deadline:
    """A dated obligation and the sentence (or schedule task) it belongs to."""

    due_date: datetime.date
    text: str

    def to_json(self) -> dict[str, Any]:
        """{"due_date": YYYY-MM-DD, "text"}."""
        return {"due_date": _iso(self.due_date), "text": self.text}


@dataclass(frozen=True)
class Signer:
    """Who signs: ``title`` is the signing-capacity lines joined with "\\n"."""

    name: str | None
    title: str | None

    def to_json(self) -> dict[str, Any]:
        """{"name", "title"}."""
        return {"name": self.name, "title": self.title}


@dataclass
class ParsedPlan:
    """Everything extracted from one plan; absent values are None or empty lists."""

    number: str | None = None
    place: str | None = None
    issue_date: datetime.date | None = None
    issue_month: str | None = None
    year: int | None = None
    issuer: str | None = None
    parent_issuer: str | None = None
    title: str | None = None
    legal_bases: list[str] = field(default_factory=list)
    implements: list[Reference] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    campaigns: list[str] = field(default_factory=list)
    clusters: list[str] = field(default_factory=list)
    schedule: list[ScheduleRow] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signer: Signer | None = None
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The plan as a JSON-ready dict with a fixed key set (``warnings`` excluded)."""
        return {
            "number": self.number,
            "place": self.place,
            "issue_date": _iso(self.issue_date),
            "issue_month": self.issue_month,
            "year": self.year,
            "issuer": self.issuer,
            "parent_issuer": self.parent_issuer,
            "title": self.title,
            "legal_bases": list(self.legal_bases),
            "implements": [ref.to_json() for ref in self.implements],
            "sections": [section.to_json() for section in self.sections],
            "campaigns": list(self.campaigns),
            "clusters": list(self.clusters),
            "schedule": [row.to_json() for row in self.schedule],
            "deadlines": [deadline.to_json() for deadline in self.deadlines],
            "recipients": list(self.recipients),
            "signer": self.signer.to_json() if self.signer else None,
        }
