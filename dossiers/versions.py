"""What a submitted dossier held, and what changed between two submissions.

A snapshot is plain JSON so that it survives later edits and catalog changes::

    {"nominations": [{"key": "person:12", "nominee": "Nguyễn Văn A", "award": "Chiến sĩ …",
                      "achievement": "merit", "summary": "…"}],
     "attachments": [{"item": "achievement_report:person:12", "label": "…",
                      "name": "bao-cao.pdf", "sha256": "…"}]}

A nomination is identified by its nominee and award (``key``), so a line deleted and typed again
is the same line; an attachment by its checklist item.
"""

from dataclasses import dataclass, field

from awards.models import DossierComponent
from dossiers.models import Dossier, DossierVersion, Nomination


def nomination_key(nomination: Nomination) -> str:
    """``"person:12|title:advanced_worker"``: the nominee and the award of a nomination."""
    if nomination.person_id:
        nominee = f"person:{nomination.person_id}"
    elif nomination.collective_id:
        nominee = f"collective:{nomination.collective_id}"
    else:
        nominee = f"household:{nomination.household_id}"
    award = (
        f"title:{nomination.title.code}" if nomination.title_id else f"form:{nomination.form.code}"
    )
    return f"{nominee}|{award}"


def snapshot_of(dossier: Dossier) -> dict:
    """The dossier's nominations and current attachments as JSON (shape in the module doc)."""
    from dossiers.checklist import current_attachments

    nominations = list(
        dossier.nominations.select_related("person", "collective", "household", "title", "form")
    )
    keys = {nomination.pk: nomination_key(nomination) for nomination in nominations}
    rows = [
        {
            "key": keys[n.pk],
            "nominee": str(n.nominee),
            "award": str(n.award),
            "achievement": n.achievement,
            "summary": n.summary,
        }
        for n in nominations
    ]
    nominees = {row["key"]: row["nominee"] for row in rows}
    attachments = []
    for (component, nomination_id), attachment in sorted(
        current_attachments(dossier).items(), key=lambda pair: (pair[0][0], pair[0][1] or 0)
    ):
        if nomination_id is not None and nomination_id not in keys:
            continue
        owner = keys.get(nomination_id, "")
        attachments.append(
            {
                "item": f"{component}:{owner}" if owner else component,
                "label": str(DossierComponent(component).label),
                "nominee": nominees.get(owner, ""),
                "name": attachment.original_name,
                "sha256": attachment.sha256,
            }
        )
    return {"nominations": rows, "attachments": attachments}


@dataclass
class VersionDiff:
    """Changes from one version to the next: nominations added, removed and changed (with the
    fields that differ), and attachments added, replaced and removed."""

    added: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)
    changed: list[tuple[dict, dict, list[str]]] = field(default_factory=list)
    files_added: list[dict] = field(default_factory=list)
    files_replaced: list[tuple[dict, dict]] = field(default_factory=list)
    files_removed: list[dict] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not any(
            (self.added, self.removed, self.changed, self.files_added, self.files_replaced,
             self.files_removed)
        )  # fmt: skip


def versions_diff(old: dict, new: dict) -> VersionDiff:
    """Compare two snapshots (``DossierVersion.snapshot``), ``old`` first."""
    diff = VersionDiff()
    before = {row["key"]: row for row in old.get("nominations", [])}
    after = {row["key"]: row for row in new.get("nominations", [])}
    diff.added = [row for key, row in after.items() if key not in before]
    diff.removed = [row for key, row in before.items() if key not in after]
    for key, row in after.items():
        if key in before:
            fields = [f for f in ("achievement", "summary") if before[key].get(f) != row.get(f)]
            if fields:
                diff.changed.append((before[key], row, fields))
    files_before = {row["item"]: row for row in old.get("attachments", [])}
    files_after = {row["item"]: row for row in new.get("attachments", [])}
    for item, row in files_after.items():
        if item not in files_before:
            diff.files_added.append(row)
        elif files_before[item]["sha256"] != row["sha256"]:
            diff.files_replaced.append((files_before[item], row))
    diff.files_removed = [row for item, row in files_before.items() if item not in files_after]
    return diff


def latest_diff(dossier: Dossier) -> tuple[DossierVersion, DossierVersion, VersionDiff] | None:
    """The last two versions of the dossier and their diff, or None before a resubmission."""
    versions = list(dossier.versions.order_by("-number")[:2])
    if len(versions) < 2:
        return None
    new, old = versions
    return old, new, versions_diff(old.snapshot, new.snapshot)
