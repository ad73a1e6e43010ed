"""Uploading a plan document: extract, keep for review, then save what the user confirmed."""

import tempfile
import uuid
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction

from organizations.models import Unit
from plans.models import PlanImport
from plans.parsing import parse_plan_text, read_document
from plans.services import SavedPlan, plan_save


def plan_import_create(*, unit: Unit, user, uploaded_file) -> PlanImport:
    """Read an uploaded document, extract the plan and keep both for the review page.

    ``uploaded_file`` is a Django ``UploadedFile`` (.txt, .docx or text .pdf). The file is stored
    under a server-generated name. Raises ``plans.parsing.PlanParseError`` (Vietnamese message)
    when the file cannot be read as a plan; then nothing is stored.
    """
    original_name = Path(uploaded_file.name).name
    suffix = Path(original_name).suffix.lower()
    content = b"".join(uploaded_file.chunks())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(content)
        text = read_document(path)
    parsed = parse_plan_text(text)
    plan_import = PlanImport(
        unit=unit,
        original_name=original_name[:255],
        source_text=text,
        extracted=parsed.to_json(),
        warnings=list(parsed.warnings),
        uploaded_by=user,
    )
    plan_import.source_file.save(f"{uuid.uuid4().hex}{suffix}", ContentFile(content), save=False)
    plan_import.save()
    return plan_import


@transaction.atomic
def plan_import_save(*, plan_import: PlanImport, data: dict, user, replace: bool) -> SavedPlan:
    """Save the reviewed ``data`` as the import's plan and remember the link.

    Raises ``plans.services.PlanAlreadyExists`` as ``plan_save`` does; the import stays as it
    was, so the user can confirm the replacement.
    """
    saved = plan_save(
        data=data,
        unit=plan_import.unit,
        user=user,
        source_text=plan_import.source_text,
        replace=replace,
    )
    plan = saved.plan
    plan.source_file.name = plan_import.source_file.name
    plan.save(update_fields=["source_file"])
    plan_import.plan = plan
    plan_import.save(update_fields=["plan"])
    return saved
