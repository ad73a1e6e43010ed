"""Writes for units and memberships."""

from dataclasses import dataclass

from django.db import transaction

from common.audit import UNITS_LOAD, AuditTrail, snapshot
from common.text import search_key
from organizations.historical import HISTORICAL_UNITS
from organizations.models import TWO_TIER_REFORM_DATE, Membership, Unit


@dataclass(frozen=True)
class LoadResult:
    """Counts of units a loader created, updated and left as they were."""

    created: int
    updated: int
    unchanged: int


_WARD_KINDS = {"xã": Unit.Kind.COMMUNE, "phường": Unit.Kind.WARD, "đặc khu": Unit.Kind.SPECIAL_ZONE}


@transaction.atomic
def load_administrative_units() -> LoadResult:
    """Create or update Vietnam's provinces and communes/wards/special zones.

    Source: the ``vietnam-provinces`` package (34 provinces and centrally-run cities, 3,321
    communes, wards and special zones since the two-tier reform of 01/07/2025). Units are matched
    by official code, so running it again changes nothing; a renamed or moved unit is updated.
    Communes, wards and special zones get ``established_on`` 01/07/2025. Then the historical
    issuers of the sample plans are ensured (``ensure_historical_units``). Every unit created
    or changed gets an ``AuditEntry`` (source ``UNITS_LOAD``, by the system).

    Runs in a constant number of queries (bulk create and bulk update, entries in bulk).
    """
    from vietnam_provinces import Province, Ward

    trail = AuditTrail(actor=None, source=UNITS_LOAD, reference="vietnam-provinces")
    existing = {u.code: u for u in Unit.objects.exclude(code="")}
    created = updated = unchanged = 0

    def upsert(rows: list[dict]) -> None:
        nonlocal created, updated, unchanged
        new, changed = [], []
        for row in rows:
            row["search_name"] = search_key(row["name"])
            unit = existing.get(row["code"])
            if unit is None:
                unit = Unit(**row)
                new.append(unit)
                existing[unit.code] = unit
                continue
            diff = {k: v for k, v in row.items() if getattr(unit, k) != v}
            if diff:
                before = snapshot(unit)
                for key, value in diff.items():
                    setattr(unit, key, value)
                changed.append(unit)
                trail.updated(unit, before=before)
            else:
                unchanged += 1
        Unit.objects.bulk_create(new, batch_size=500)
        trail.created(new)
        Unit.objects.bulk_update(
            changed, ["name", "search_name", "kind", "parent", "established_on"], batch_size=500
        )
        created += len(new)
        updated += len(changed)

    upsert(
        [
            {
                "code": f"{int(p.code):02d}",
                "name": p.name,
                "kind": Unit.Kind.PROVINCE,
                "parent": None,
                "established_on": None,
            }
            for p in Province.iter_all()
        ]
    )
    upsert(
        [
            {
                "code": f"{int(w.code):05d}",
                "name": w.name,
                "kind": _WARD_KINDS[w.division_type.value],
                "parent": existing[f"{int(w.province_code):02d}"],
                "established_on": TWO_TIER_REFORM_DATE,
            }
            for w in Ward.iter_all()
        ]
    )
    historical = ensure_historical_units(trail=trail)
    trail.save()
    return LoadResult(
        created=created + historical.created,
        updated=updated + historical.updated,
        unchanged=unchanged + historical.unchanged,
    )


def ensure_historical_units(*, trail: AuditTrail | None = None) -> LoadResult:
    """Create the dissolved issuers of the sample plans (organizations/historical.py) if missing.

    They are matched by (name, kind, parent) and marked dissolved on 01/07/2025; the units
    created are recorded in ``trail`` when given (the caller saves it).
    Raises ``Unit.DoesNotExist`` when a parent province has not been loaded.
    """
    by_name: dict[str, Unit] = {}
    created = unchanged = 0
    for name, kind, parent_ref in HISTORICAL_UNITS:
        parent = by_name.get(parent_ref) or Unit.objects.get(code=parent_ref)
        unit, was_created = Unit.objects.get_or_create(
            name=name,
            kind=kind,
            parent=parent,
            defaults={"dissolved_on": TWO_TIER_REFORM_DATE},
        )
        by_name[name] = unit
        if was_created and trail is not None:
            trail.created([unit])
        created += was_created
        unchanged += not was_created
    return LoadResult(created=created, updated=0, unchanged=unchanged)


def membership_grant(*, user, unit: Unit, role: str) -> Membership:
    """Give ``user`` the ``role`` in ``unit`` (idempotent); returns the membership."""
    membership, _ = Membership.objects.get_or_create(user=user, unit=unit, role=role)
    return membership
