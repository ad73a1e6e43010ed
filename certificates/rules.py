"""Who may print the certificates of a decision.

The council's secretariat (and its admins) print them: a user who manages a round whose
nominations the decision granted (``dossiers.rules.manages_round``), or who manages the council
of the unit that issued the decision (``dossiers.services.decisions.manages_decision``, a
secretariat or admin membership in that unit or above); superusers too. Council members see the
decision but may not print (403); anyone else does not learn it exists (404).
"""

from awards.models import AwardDecision
from dossiers.models import Round
from dossiers.rules import manages_round
from dossiers.services.decisions import manages_decision


def may_print_certificates(user, decision: AwardDecision) -> bool:
    """Whether ``user`` may print the certificates of ``decision`` (a few queries)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or manages_decision(user, decision):
        return True
    rounds = (
        Round.objects.filter(dossiers__nominations__grant__decision=decision)
        .select_related("council__unit")
        .distinct()
    )
    return any(manages_round(user, round_) for round_ in rounds)
