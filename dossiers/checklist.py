"""The documents a dossier must hold before it is submitted (Law Art. 84).

Each nomination's award rule in force for the round's year and the nominee's province lists its
``dossier_components`` (awards catalog; per-province overrides are rule sets, D152 Art. 6.2.c).
The proposal letter and the meeting minutes are one per dossier; the achievement report and
the proofs are one per nominee. ``sudden_achievement_proof`` is asked only of a nomination that
claims a sudden achievement or a contribution (catalog note, Law Art. 84.2).
"""

from collections import defaultdict
from dataclasses import dataclass

from awards.models import AwardGrant, DossierComponent
from awards.selectors import rules_in_force
from dossiers.models import Attachment, Dossier, Nomination
from organizations.models import Unit
from organizations.selectors import unit_ancestors

DOSSIER_WIDE = (DossierComponent.PROPOSAL_LETTER, DossierComponent.MEETING_MINUTES)
PER_NOMINEE = (
    DossierComponent.ACHIEVEMENT_REPORT,
    DossierComponent.INITIATIVE_PROOF,
    DossierComponent.SUDDEN_ACHIEVEMENT_PROOF,
)
CLAIMS_SUDDEN = (AwardGrant.Achievement.SUDDEN, AwardGrant.Achievement.CONTRIBUTION)


@dataclass(frozen=True)
class ChecklistItem:
    """One required document: ``component`` (a ``DossierComponent`` value), the nomination it
    is for (None: the whole dossier) and the current upload (None: missing)."""

    component: str
    nomination: Nomination | None
    current: Attachment | None

    @property
    def label(self) -> str:
        return DossierComponent(self.component).label

    @property
    def is_missing(self) -> bool:
        return self.current is None

    @property
    def key(self) -> str:
        """A stable name of the item for forms and URLs: ``component`` or ``component:pk``."""
        return f"{self.component}:{self.nomination.pk}" if self.nomination else self.component


def province_of(unit: Unit) -> Unit | None:
    """The province above (or equal to) ``unit``, whose rule overrides apply."""
    for ancestor in [unit, *unit_ancestors(unit=unit)]:
        if ancestor.kind == Unit.Kind.PROVINCE:
            return ancestor
    return None


def required_components(*, dossier: Dossier, nominations: list[Nomination]) -> dict:
    """``{None: [dossier-wide components], nomination: [its components]}`` for the dossier."""
    rules = rules_in_force(year=dossier.round.year, province=province_of(dossier.unit))
    wide: set[str] = set()
    per_nominee: dict[Nomination, list[str]] = {}
    for nomination in nominations:
        rule = rules.get(nomination.award.code)
        components = list(rule.dossier_components) if rule else []
        wide.update(c for c in components if c in DOSSIER_WIDE)
        own = [c for c in PER_NOMINEE if c in components]
        if nomination.achievement not in CLAIMS_SUDDEN:
            own = [c for c in own if c != DossierComponent.SUDDEN_ACHIEVEMENT_PROOF]
        per_nominee[nomination] = own
    if nominations:
        wide.add(DossierComponent.PROPOSAL_LETTER)
    ordered_wide = [c for c in DOSSIER_WIDE if c in wide]
    return {None: ordered_wide, **per_nominee}


def uploads_by_item(dossier: Dossier) -> dict[tuple[str, int | None], list[Attachment]]:
    """Every upload of the dossier per (component, nomination id), newest first: the first is
    the current version, the others its history. One query."""
    uploads: dict[tuple[str, int | None], list[Attachment]] = defaultdict(list)
    for attachment in dossier.attachments.order_by("-uploaded_at", "-pk"):
        uploads[(attachment.component, attachment.nomination_id)].append(attachment)
    return dict(uploads)


def current_attachments(dossier: Dossier) -> dict[tuple[str, int | None], Attachment]:
    """The newest upload per (component, nomination id) of the dossier, in one query."""
    return {key: rows[0] for key, rows in uploads_by_item(dossier).items()}


def dossier_checklist(
    dossier: Dossier, *, uploads: dict | None = None, nominations: list | None = None
) -> list[ChecklistItem]:
    """Every document the dossier needs, dossier-wide ones first, then per nominee in order,
    each with its current upload. About four queries whatever the number of nominations;
    ``uploads`` (from ``uploads_by_item``) saves reading the attachments again, ``nominations``
    (the dossier's, in order, with nominee and award loaded) reading the nominations."""
    if nominations is None:
        nominations = list(
            dossier.nominations.select_related("person", "collective", "household", "title", "form")
        )
    required = required_components(dossier=dossier, nominations=nominations)
    if uploads is None:
        uploads = uploads_by_item(dossier)

    def current(component: str, nomination_id: int | None) -> Attachment | None:
        rows = uploads.get((component, nomination_id))
        return rows[0] if rows else None

    items = [ChecklistItem(c, None, current(c, None)) for c in required[None]]
    for nomination in nominations:
        items += [
            ChecklistItem(c, nomination, current(c, nomination.pk)) for c in required[nomination]
        ]
    return items


def missing_by_nomination(items: list[ChecklistItem]) -> dict[int | None, list[ChecklistItem]]:
    """The missing items grouped by nomination id (None: dossier-wide)."""
    grouped: dict[int | None, list[ChecklistItem]] = defaultdict(list)
    for item in items:
        if item.is_missing:
            grouped[item.nomination.pk if item.nomination else None].append(item)
    return dict(grouped)
