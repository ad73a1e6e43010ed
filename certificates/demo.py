"""Demo certificates: a decision of Thị xã Sơn Tây for 2020 with Giấy khen grants, the default
certificate templates plus one for the town's chair, and the certificates' tokens.

When the demo already holds a decision of the town with grants for 2020, it is used as it is;
otherwise one is created: "Quyết định số 58/QĐ-UBND" of 15/01/2021 by the chair of the town's
people's committee, giving a Giấy khen for 2020 to people and collectives that registered in
2020 (registrations/demo.py). One grant is revoked, so that the verification page shows both
states. Idempotent.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction

from awards.models import AwardDecision, AwardForm, AwardGrant
from certificates.models import CertificateTemplate
from certificates.qr import verification_url
from certificates.selectors import decision_grants_in_order
from certificates.services import certificates_ensure, default_templates_ensure
from organizations.models import TWO_TIER_REFORM_DATE, Person, Unit

YEAR = 2020
TOWN = "Thị xã Sơn Tây"
NUMBER = "58/QĐ-UBND"
DATE = datetime.date(2021, 1, 15)
AUTHORITY = "Chủ tịch UBND thị xã Sơn Tây"
SIGNER = "Nguyễn Huy Khánh"
FORM = "certificate_of_merit"
# (full name, unit) of people who registered in 2020; then collectives.
PEOPLE = [
    ("Nguyễn Thị Lan", "Phường Trung Hưng"),
    ("Phạm Thị Hằng", "Phường Trung Sơn Trầm"),
    ("Trần Thị Mai", "Xã Cổ Đông"),
    ("Nguyễn Văn Sơn", "Xã Kim Sơn"),
]
COLLECTIVES = ["Phường Trung Sơn Trầm", "Xã Cổ Đông"]
REVOKED = ("Nguyễn Văn Sơn", datetime.date(2021, 6, 1))
REVOKED_REASON = "Gian dối trong kê khai thành tích: dữ liệu minh họa cho trang xác thực."
TOWN_TEMPLATE = {
    "name": "Giấy khen của Chủ tịch UBND thị xã Sơn Tây",
    "authority": "UBND thị xã Sơn Tây",
    "heading": "GIẤY KHEN",
    "issuer_line": "CHỦ TỊCH ỦY BAN NHÂN DÂN THỊ XÃ SƠN TÂY",
    "verb": "TẶNG",
    "signer_title": "CHỦ TỊCH",
}


@dataclass(frozen=True)
class DemoCertificates:
    """The demo decision, the templates and each grant's verification address (recipient →
    URL), revoked grants included."""

    decision: AwardDecision
    templates: list[CertificateTemplate]
    urls: list[tuple[str, str]]


def _town() -> Unit:
    return Unit.objects.get(name=TOWN, dissolved_on=TWO_TIER_REFORM_DATE)


def _existing_decision(town: Unit) -> AwardDecision | None:
    return (
        AwardDecision.objects.filter(issuing_unit=town, grants__year=YEAR)
        .distinct()
        .order_by("date", "pk")
        .first()
    )


def _create_decision(town: Unit) -> AwardDecision:
    form = AwardForm.objects.get(code=FORM)
    decision = AwardDecision.objects.create(
        number=NUMBER, date=DATE, authority=AUTHORITY, signer_name=SIGNER, issuing_unit=town
    )
    units = {unit.name: unit for unit in Unit.objects.filter(parent=town)}
    for full_name, unit_name in PEOPLE:
        person = Person.objects.filter(full_name=full_name, unit__name=unit_name).first()
        if person is None:
            continue
        revoked_on = REVOKED[1] if full_name == REVOKED[0] else None
        AwardGrant.objects.create(
            decision=decision,
            person=person,
            form=form,
            year=YEAR,
            revoked=revoked_on is not None,
            revoked_on=revoked_on,
            revoked_reason=REVOKED_REASON if revoked_on else "",
        )
    for name in COLLECTIVES:
        if name in units:
            AwardGrant.objects.create(decision=decision, unit=units[name], form=form, year=YEAR)
    return decision


def _town_template() -> CertificateTemplate:
    form = AwardForm.objects.get(code=FORM)
    values = {key: value for key, value in TOWN_TEMPLATE.items() if key != "name"}
    template, _created = CertificateTemplate.objects.get_or_create(
        name=TOWN_TEMPLATE["name"], defaults={**values, "form": form}
    )
    return template


@transaction.atomic
def load_demo_certificates() -> DemoCertificates:
    """Make sure the demo has a 2020 decision of Thị xã Sơn Tây with grants, the certificate
    templates and a certificate (token) for each grant; returns them. Expects the demo
    organisations, the award catalog and the demo registrations (for the recipients)."""
    town = _town()
    decision = _existing_decision(town) or _create_decision(town)
    templates = [*default_templates_ensure(), _town_template()]
    grants = list(decision_grants_in_order(decision=decision))
    certificates = certificates_ensure(grants=grants)
    urls = [(str(g.recipient), verification_url(certificates[g.pk].token)) for g in grants]
    return DemoCertificates(decision=decision, templates=templates, urls=urls)
