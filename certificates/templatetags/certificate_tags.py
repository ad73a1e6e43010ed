"""The "print certificates" box of a decision's page (templates/certificates/_print_box.html,
included by the decision page): the mode choice and the print button, which asks for the
"certificates" export job (certificates/exporters.py), the revoked awards left out, how often
the certificates were printed, and the templates used, with a link to edit their positions
in the admin. Shown only to users who may print (certificates/rules.py)."""

from django import template
from django.db.models import Max
from django.urls import NoReverseMatch, reverse

from certificates.exporters import KIND
from certificates.models import Certificate
from certificates.rules import may_print_certificates
from certificates.selectors import active_templates
from certificates.services import FULL, PREPRINTED, print_plan, template_for
from reports.registry import PDF

register = template.Library()


def _job_url() -> str:
    try:
        return reverse("reports:job_new", args=[KIND, PDF])
    except NoReverseMatch:  # the export jobs are not installed
        return ""


def _templates(decision, printable, user) -> list[dict]:
    templates = active_templates()
    chosen = {}
    for grant in printable:
        found = template_for(grant=grant, authority=decision.authority, templates=templates)
        chosen.setdefault(found.pk, found)
    editable = user.is_staff and user.has_perm("certificates.change_certificatetemplate")
    rows = []
    for pk, found in chosen.items():
        url = ""
        if editable:
            url = (
                reverse("admin:certificates_certificatetemplate_change", args=[pk])
                if pk
                else reverse("admin:certificates_certificatetemplate_add")
            )
        rows.append({"name": found.name, "url": url})
    return rows


@register.inclusion_tag("certificates/_print_box_content.html", takes_context=True)
def certificate_print_box(context, decision, grants=None) -> dict:
    """The box's context for ``decision`` (``grants``: the decision's grants the page already
    loaded, or None to read them); ``{"show": False}`` for a user who may not print."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not may_print_certificates(user, decision):
        return {"show": False}
    if grants is None:
        plan = print_plan(decision=decision)
        printable, revoked = plan.printable, plan.revoked
    else:
        printable = [g for g in grants if not g.revoked]
        revoked = [g for g in grants if g.revoked]
    printed = Certificate.objects.filter(grant__decision=decision).aggregate(
        times=Max("times_printed"), last=Max("printed_at")
    )
    return {
        "show": True,
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "decision": decision,
        "count": len(printable),
        "revoked": [str(g.recipient) for g in revoked],
        "job_url": _job_url(),
        "modes": (FULL, PREPRINTED),
        "times_printed": printed["times"] or 0,
        "last_printed": printed["last"],
        "templates": _templates(decision, printable, user) if printable else [],
    }
