"""``manage.py import_plan PATH [PATH ...] [--json] [--dry-run] [--unit CODE] [--replace]``."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from organizations.models import Unit
from plans.parsing import PlanParseError, parse_plan_text, read_document
from plans.selectors import resolve_issuing_unit
from plans.services import PlanAlreadyExists, plan_save


class Command(BaseCommand):
    help = (
        "Import plan documents (.txt, .docx, text .pdf). --json prints what was extracted, one "
        "JSON object per file; --dry-run saves nothing; --unit names the issuing unit by its "
        "administrative code or id when it cannot be recognised from the document."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument("--json", action="store_true", help="print the extracted JSON")
        parser.add_argument("--dry-run", action="store_true", help="do not save")
        parser.add_argument("--unit", help="issuing unit: administrative code or id")
        parser.add_argument("--replace", action="store_true", help="replace a plan already saved")

    def handle(self, *args, **options) -> None:
        as_json, dry_run, replace = options["json"], options["dry_run"], options["replace"]
        forced_unit = _unit_by_reference(options["unit"]) if options["unit"] else None
        failures = 0
        for path in options["paths"]:
            try:
                text = read_document(path)
            except PlanParseError as error:
                self.stderr.write(f"{path}: {error}")
                failures += 1
                continue
            parsed = parse_plan_text(text)
            data = parsed.to_json()
            if as_json:
                self.stdout.write(json.dumps(data, ensure_ascii=False))
            for warning in parsed.warnings:
                self.stderr.write(f"{path}: {warning}")
            if dry_run:
                continue
            issuing_unit = forced_unit or resolve_issuing_unit(
                issuer=data["issuer"], parent_issuer=data["parent_issuer"], year=data["year"]
            )
            if issuing_unit is None:
                self.stderr.write(f"{path}: không xác định được đơn vị ban hành; hãy dùng --unit.")
                failures += 1
                continue
            try:
                saved = plan_save(
                    data=data, unit=issuing_unit, user=None, source_text=text, replace=replace
                )
            except PlanAlreadyExists as error:
                self.stderr.write(f"{path}: {error} Dùng --replace để thay thế.")
                failures += 1
                continue
            if not as_json:
                verb = "thay thế" if saved.replaced else "đã lưu"
                self.stdout.write(f"{path}: {verb} – {saved.plan} ({issuing_unit})")
        if failures:
            raise CommandError(f"{failures} tệp không nhập được.")


def _unit_by_reference(reference: str) -> Unit:
    unit = Unit.objects.filter(code=reference).first()
    if unit is None and reference.isdigit():
        unit = Unit.objects.filter(pk=int(reference)).first()
    if unit is None:
        raise CommandError(f"Không có đơn vị có mã hoặc số hiệu {reference}.")
    return unit
