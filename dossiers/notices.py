"""Who is told when a dossier moves: the secretariat when a unit submits, the unit's officers
when the secretariat returns it. A notification under the bell at once, a mail through the
outbox after commit (notifications/services.py ``notify``): a broker that is down delays the
mail, never the submission. Each recipient reads both in his own language."""

from django.urls import reverse
from django.utils.translation import gettext as _

from dossiers.models import Dossier
from dossiers.selectors.core import secretariat_members
from notifications.services import notify
from organizations.selectors import officers_acting_for


def announce_submitted(*, dossier: Dossier) -> None:
    """Tell the receiving council's secretariat that ``dossier`` was submitted."""
    notify(
        users=secretariat_members(council=dossier.round.council),
        title=lambda: _("Dossier submitted: %(unit)s") % {"unit": dossier.unit},
        body=str(dossier.round),
        url=reverse("dossiers:appraisal", args=[dossier.pk]),
        mail_template="dossiers/email/submitted",
        context={"dossier": dossier, "path": reverse("dossiers:appraisal", args=[dossier.pk])},
    )


def announce_returned(*, dossier: Dossier) -> None:
    """Tell the proposing unit's officers that ``dossier`` was returned, with the reason."""
    notify(
        users=officers_acting_for([dossier.unit_id])[dossier.unit_id],
        title=lambda: _("Dossier returned: %(round)s") % {"round": dossier.round},
        body=dossier.return_reason,
        url=reverse("dossiers:detail", args=[dossier.pk]),
        mail_template="dossiers/email/returned",
        context={"dossier": dossier, "path": reverse("dossiers:detail", args=[dossier.pk])},
    )
