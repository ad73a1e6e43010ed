"""The "certificates" export (reports/registry.py): the certificates of a decision as one PDF,
rendered in the background with a progress bar (reports.jobs).

Parameters: ``decision`` (the decision's id) and ``mode`` ("full" or "preprinted"). Only the
decision's council secretariat and superusers may ask for it (certificates/rules.py): 404 for a
decision the user cannot see, 403 for one he sees but may not print.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.models import AwardDecision
from certificates.selectors import decision_for_printing
from certificates.services import FULL, MODES, PREPRINTED, certificates_pdf, print_plan
from common.text import search_key
from reports.registry import PDF, Exporter, register

KIND = "certificates"


def _param(params: dict, name: str):
    value = params.get(name)
    if isinstance(value, list | tuple):
        value = value[0] if value else None
    return value


def authorize(user, params: dict) -> dict:
    """``{"decision": id, "mode": mode}`` when ``user`` may print the decision's certificates.

    Raises ``Http404`` for a decision that does not exist or that the user cannot see,
    ``PermissionDenied`` for one he sees but may not print, ``ValidationError`` for an
    unknown mode or a decision with nothing to print (every grant revoked).
    """
    mode = _param(params, "mode") or FULL
    if mode not in MODES:
        raise ValidationError(_("Choose how to print: in full or onto pre-printed blanks."))
    decision = decision_for_printing(user=user, decision_id=_param(params, "decision"))
    if not print_plan(decision=decision).printable:
        raise ValidationError(_("This decision has no award left to print."))
    return {"decision": decision.pk, "mode": mode}


def title(params: dict) -> str:
    """ "Bằng khen, giấy khen – Quyết định 25/QĐ-UBND (in trên phôi)", in the user's
    language."""
    decision = AwardDecision.objects.filter(pk=params["decision"]).first()
    number = decision.number if decision else str(params["decision"])
    if params.get("mode") == PREPRINTED:
        return _("Certificates of decision %(number)s (onto pre-printed blanks)") % {
            "number": number
        }
    return _("Certificates of decision %(number)s") % {"number": number}


def filename(params: dict, fmt: str) -> str:
    """ "bang-khen-25-qd-ubnd.pdf" (ASCII), "…-in-phoi.pdf" for the pre-printed mode."""
    decision = AwardDecision.objects.filter(pk=params["decision"]).first()
    number = search_key(decision.number) if decision else str(params["decision"])
    slug = "-".join("".join(ch if ch.isalnum() else " " for ch in number).split()) or "quyet-dinh"
    suffix = "-in-phoi" if params.get("mode") == PREPRINTED else ""
    return f"bang-khen-giay-khen-{slug}{suffix}.{fmt}"


def render(*, user, params: dict, fmt: str, out, progress) -> None:
    """Write the decision's certificates (PDF) into ``out``, counting the printing by
    ``user``."""
    decision = decision_for_printing(user=user, decision_id=params["decision"])
    out.write(
        certificates_pdf(decision=decision, mode=params["mode"], progress=progress, printed_by=user)
    )


CERTIFICATES = register(
    Exporter(
        kind=KIND,
        label=gettext_lazy("Certificates (Bằng khen, Giấy khen)"),
        formats=(PDF,),
        authorize=authorize,
        title=title,
        filename=filename,
        render=render,
    )
)
