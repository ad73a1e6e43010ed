"""The public disclosure page of a round (Law Art. 84.5): no login, reached by the round's
unguessable token, shown only during the round's disclosure window. It lists the nominees'
names, their units and the proposed awards — nothing else of the dossiers."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from dossiers.models import Round
from dossiers.selectors import disclosed_nominations


def public(request: HttpRequest, token: str) -> HttpResponse:
    """The nominee list of the round whose public token is ``token``; 404 outside its
    disclosure window."""
    round_ = get_object_or_404(Round.objects.select_related("council"), public_token=token)
    if not round_.is_disclosed_on(timezone.localdate()):
        raise Http404
    rows = [
        {"name": str(n.nominee), "unit": n.dossier.unit.name, "award": str(n.award)}
        for n in disclosed_nominations(round_=round_)
    ]
    return render(request, "dossiers/public/nominees.html", {"round": round_, "rows": rows})
