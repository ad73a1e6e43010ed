"""Reads for certificates: the decision a user may print, its grants in print order, the
templates, and what the public verification page may show of a certificate."""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from awards.models import AwardDecision, AwardGrant
from certificates.models import Certificate, CertificateTemplate
from certificates.rules import may_print_certificates
from dossiers.selectors.council import decisions_visible_to

# What ``secrets.token_urlsafe`` makes; anything else is not looked up.
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")


def decision_for_printing(*, user, decision_id) -> AwardDecision:
    """The decision ``decision_id`` whose certificates ``user`` may print.

    Raises ``Http404`` when the decision does not exist or the user may not see it (he
    oversees no council of its issuing unit and prints nothing of it), ``PermissionDenied``
    when he sees it but may not print (a council member).
    """
    try:
        pk = int(decision_id)
    except (TypeError, ValueError):
        raise Http404 from None
    decision = (
        AwardDecision.objects.select_related("issuing_unit__council", "issuing_unit__parent")
        .filter(pk=pk)
        .first()
    )
    if decision is None:
        raise Http404
    if may_print_certificates(user, decision):
        return decision
    if decisions_visible_to(user).filter(pk=pk).exists():
        raise PermissionDenied
    raise Http404


def decision_grants_in_order(*, decision: AwardDecision) -> QuerySet[AwardGrant]:
    """The decision's grants, revoked ones included, in the order of its page and its list
    (proposing unit, nomination order, id), with what a certificate prints and its
    certificate, if any: one query."""
    return decision.grants.select_related(
        "person__unit",
        "unit__parent",
        "household__unit",
        "title",
        "form",
        "certificate",
    ).order_by("nomination__dossier__unit__name", "nomination__order", "pk")


def active_templates() -> list[CertificateTemplate]:
    """The active certificate templates (one query)."""
    return list(CertificateTemplate.objects.filter(active=True).order_by("pk"))


@dataclass(frozen=True)
class Verification:
    """The five facts the public verification page shows, nothing else: the recipient's name,
    the award (Vietnamese and English names), the decision's number and date, and whether the
    award was revoked (and when)."""

    name: str
    award_vi: str
    award_en: str
    decision_number: str
    decision_date: datetime.date
    revoked: bool
    revoked_on: datetime.date | None


def verification_of(*, token: str) -> Verification | None:
    """What the verification page of ``token`` shows, read fresh (a revocation shows at
    once); None for a malformed or unknown token, or a certificate whose grant has no
    decision. At most one query."""
    if not isinstance(token, str) or not TOKEN_PATTERN.fullmatch(token):
        return None
    certificate = (
        Certificate.objects.select_related(
            "grant__decision",
            "grant__person",
            "grant__unit",
            "grant__household",
            "grant__title",
            "grant__form",
        )
        .filter(token=token)
        .first()
    )
    if certificate is None or certificate.grant.decision is None:
        return None
    grant = certificate.grant
    return Verification(
        name=_recipient_name(grant),
        award_vi=grant.award.name_vi,
        award_en=grant.award.name_en or grant.award.name_vi,
        decision_number=grant.decision.number,
        decision_date=grant.decision.date,
        revoked=grant.revoked,
        revoked_on=grant.revoked_on if grant.revoked else None,
    )


def _recipient_name(grant: AwardGrant) -> str:
    if grant.person_id:
        return grant.person.full_name
    if grant.unit_id:
        return grant.unit.name
    return grant.household.name
