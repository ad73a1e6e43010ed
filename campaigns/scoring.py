"""The arithmetic of cluster scoring: sheet totals, final scores, differences and ranks.

The formula, shown on the scoring page:

- a sheet's total is the sum of its criterion points plus its bonus points minus its penalty
  points;
- a member's self-assessment is the total of its own submitted sheet, its cross-assessment the
  mean of the totals of the submitted sheets its peers gave it, rounded to 2 decimals;
- the final score is the cross-assessment, or the self-assessment when no peer has scored it;
- a difference is flagged when both exist and differ by more than the cluster's threshold;
- ranks follow the final score, highest first; equal scores share a rank (1, 1, 3): ties stay
  tied for the members' vote to decide.

Scoring scales are local (LAW.md §5); this module only needs numbers, not the ORM.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


@dataclass(frozen=True)
class SheetPoints:
    """One submitted sheet: who scored whom, and the points per criterion kind."""

    assessor_id: int
    assessed_id: int
    base: Decimal
    bonus: Decimal
    penalty: Decimal

    @property
    def total(self) -> Decimal:
        """Criterion points plus bonus minus penalty."""
        return self.base + self.bonus - self.penalty

    @property
    def is_self(self) -> bool:
        """The unit scored itself."""
        return self.assessor_id == self.assessed_id


@dataclass(frozen=True)
class Standing:
    """A member's scores; totals are None when nobody has submitted them."""

    unit_id: int
    self_total: Decimal | None
    cross_totals: tuple[Decimal, ...]
    cross_total: Decimal | None
    total: Decimal | None
    difference: Decimal | None
    flagged: bool
    rank: int | None


def competition_ranks(totals: Sequence[Decimal]) -> list[int]:
    """Rank of each total, highest first, equal totals sharing a rank: [9, 7, 9] → [1, 3, 1]."""
    return [1 + sum(1 for other in totals if other > total) for total in totals]


def standings(
    *, member_ids: Iterable[int], sheets: Iterable[SheetPoints], threshold: Decimal
) -> list[Standing]:
    """The standing of every member, in rank order (unscored members last, unranked).

    ``sheets`` are the submitted sheets only; ``threshold`` is in points.
    """
    own: dict[int, Decimal] = {}
    peers: dict[int, list[Decimal]] = {}
    for sheet in sheets:
        if sheet.is_self:
            own[sheet.assessed_id] = sheet.total
        else:
            peers.setdefault(sheet.assessed_id, []).append(sheet.total)
    partial = []
    for unit_id in member_ids:
        cross = tuple(peers.get(unit_id, ()))
        cross_total = (sum(cross) / len(cross)).quantize(CENT, ROUND_HALF_UP) if cross else None
        self_total = own.get(unit_id)
        total = cross_total if cross_total is not None else self_total
        difference = (
            abs(self_total - cross_total)
            if self_total is not None and cross_total is not None
            else None
        )
        partial.append((unit_id, self_total, cross, cross_total, total, difference))
    scored = [row[4] for row in partial if row[4] is not None]
    ranks = dict(zip(scored, competition_ranks(scored), strict=True))
    result = [
        Standing(
            unit_id=unit_id,
            self_total=self_total,
            cross_totals=cross,
            cross_total=cross_total,
            total=total,
            difference=difference,
            flagged=difference is not None and difference > threshold,
            rank=ranks.get(total) if total is not None else None,
        )
        for unit_id, self_total, cross, cross_total, total, difference in partial
    ]
    return sorted(result, key=lambda s: (s.rank is None, s.rank or 0))
