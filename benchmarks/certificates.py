"""How long 500 certificates take to print (issue target: ≤ 60 s); run by benchmarks/exports.py.

``measure_certificates(count=500)`` builds, inside a transaction it rolls back, a decision with
``count`` Giấy khen grants to people of one unit, and times ``certificates_pdf`` in each mode.
Call it with Django set up on a throwaway database that holds the award catalog (the data
migration loads it). Returns ``{"count", "pages", "full_s", "preprinted_s", "full_bytes"}``.

Measured on the 2-core machine shared with other work (load 2–3), SQLite: 500 pages in
12–17 s in full (about 1.7 MB) and 10 s onto pre-printed blanks.
"""

import datetime
import time

from django.db import transaction

from awards.models import AwardDecision, AwardForm, AwardGrant
from certificates.services import FULL, PREPRINTED, certificates_pdf
from common.text import search_key
from organizations.models import Person, Unit

TARGET_S = 60.0


class _Rollback(Exception):
    pass


def measure_certificates(*, count: int = 500) -> dict:
    """Time the printing of ``count`` certificates (see the module's docstring)."""
    import io

    from pypdf import PdfReader

    result: dict = {"count": count}
    try:
        with transaction.atomic():
            decision = _decision(count)
            for mode, key in ((FULL, "full_s"), (PREPRINTED, "preprinted_s")):
                started = time.perf_counter()
                content = certificates_pdf(decision=decision, mode=mode)
                result[key] = round(time.perf_counter() - started, 2)
                if mode == FULL:
                    result["pages"] = len(PdfReader(io.BytesIO(content)).pages)
                    result["full_bytes"] = len(content)
            raise _Rollback
    except _Rollback:
        pass
    return result


def _decision(count: int) -> AwardDecision:
    province = Unit.objects.create(name="Tỉnh Đo Thử", kind=Unit.Kind.PROVINCE)
    unit = Unit.objects.create(name="Xã Đo Thử", kind=Unit.Kind.COMMUNE, parent=province)
    form = AwardForm.objects.get(code="certificate_of_merit")
    decision = AwardDecision.objects.create(
        number="999/QĐ-UBND",
        date=datetime.date(2021, 1, 15),
        authority="Chủ tịch UBND xã Đo Thử",
        signer_name="Nguyễn Văn Ký",
        issuing_unit=unit,
    )
    people = Person.objects.bulk_create(
        Person(
            full_name=f"Nguyễn Văn Thử {i:04d}",
            search_name=search_key(f"Nguyễn Văn Thử {i:04d}"),
            gender=Person.Gender.MALE if i % 2 else Person.Gender.FEMALE,
            position="Công chức Văn phòng – Thống kê",
            unit=unit,
        )
        for i in range(count)
    )
    AwardGrant.objects.bulk_create(
        AwardGrant(decision=decision, person=person, form=form, year=2020) for person in people
    )
    return decision
