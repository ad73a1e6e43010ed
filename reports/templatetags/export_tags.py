"""``{% export_buttons "kind" %}``: the Excel / CSV / PDF buttons of a list page.

Each button is a small POST form to ``reports:job_new`` carrying the page's current filters
(``request.GET``, repeated keys kept, "page" dropped) as hidden inputs: the exporter gets the
same parameters as the list, and the user lands on the job's page.
"""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from reports.jobs.selectors import FORMAT_LABELS
from reports.registry import TABULAR_FORMATS, exporter_of

register = template.Library()
DROPPED = ("page", "csrfmiddlewaretoken")


@register.inclusion_tag("reports/_export_buttons.html", takes_context=True)
def export_buttons(
    context, kind: str, formats: str = ",".join(TABULAR_FORMATS), label="", **params
):
    """The buttons of the exporter ``kind`` for ``formats`` ("xlsx,csv,pdf", the formats the
    exporter writes among them), after ``label`` (default "Export"). ``params`` are sent too
    and replace the query string's values of the same name (a page whose object is in its
    path: ``{% export_buttons "registrations" window=window.pk %}``). Needs ``request`` in the
    context (the ``request`` context processor); an unregistered kind renders nothing."""
    request = context.get("request")
    if request is None:
        raise template.TemplateSyntaxError("export_buttons needs the request in the context")
    exporter = exporter_of(kind)
    wanted = [fmt.strip() for fmt in str(formats).split(",") if fmt.strip()]
    buttons = [
        {
            "format": fmt,
            "label": FORMAT_LABELS.get(fmt, fmt.upper()),
            "url": reverse("reports:job_new", args=[kind, fmt]),
        }
        for fmt in wanted
        if exporter is not None and fmt in exporter.formats
    ]
    hidden = [
        (name, value)
        for name, values in request.GET.lists()
        if name not in DROPPED and name not in params
        for value in values
    ]
    hidden += [(name, "" if value is None else str(value)) for name, value in params.items()]
    return {"buttons": buttons, "hidden": hidden, "label": label or _("Export"), "kind": kind}
