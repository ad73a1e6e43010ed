"""Exporters of the statutory forms 0601–0605 (reports/registry.py): kinds "statutory_0601" …
"statutory_0605", each an Excel workbook in the form's layout, or a PDF to print. Parameters:
``council`` (id) and ``year``; the council's secretariat and superusers may have them
(permissions.py)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from reports.registry import PDF, XLSX, Exporter, register
from reports.statutory.forms import FORMS, FormSpec, build_form
from reports.statutory.pdf import write_form_pdf
from reports.statutory.permissions import clean_year, statutory_council
from reports.statutory.xlsx import write_form_xlsx


def _one(value):
    """A parameter that may come as a list of strings (a repeated GET key): its first value."""
    if isinstance(value, list | tuple):
        return value[0] if value else None
    return value


def authorize(user, params: dict) -> dict:
    """``{"council": id, "year": yyyy}`` when ``user`` may have the forms of that council;
    ``ValidationError`` for a missing council or a bad year, ``Http404`` / ``PermissionDenied``
    from ``statutory_council``."""
    council_id = _one(params.get("council"))
    if council_id in (None, ""):
        raise ValidationError("Chưa chọn hội đồng thi đua – khen thưởng.")
    year = clean_year(_one(params.get("year")))
    council = statutory_council(user=user, council_id=council_id)
    return {"council": council.pk, "year": year}


def _exporter(spec: FormSpec) -> Exporter:
    def title(params: dict) -> str:
        return gettext("Form %(number)s: %(name)s, %(year)s") % {
            "number": spec.number,
            "name": spec.label,
            "year": params["year"],
        }

    def filename(params: dict, fmt: str) -> str:
        return f"bieu-{spec.code}-N-BNV-{params['year']}.{fmt}"

    def render(*, user, params: dict, fmt: str, out, progress) -> None:
        council = statutory_council(user=user, council_id=params["council"])
        progress(0, 1)
        form = build_form(spec.code, council=council, year=params["year"])
        (write_form_pdf if fmt == PDF else write_form_xlsx)(form, out)
        progress(1, 1)

    return Exporter(
        kind=spec.kind,
        label=spec.label,
        formats=(XLSX, PDF),
        authorize=authorize,
        title=title,
        filename=filename,
        render=render,
    )


EXPORTERS = {spec.code: register(_exporter(spec)) for spec in FORMS}
