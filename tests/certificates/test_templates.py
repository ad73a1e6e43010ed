"""Which certificate template a grant gets (certificates/services.py template_for): the most
specific — award and authority, award, authority, any — and the defaults."""

import pytest

from awards.models import AwardForm, EmulationTitle
from certificates.models import CertificateTemplate
from certificates.selectors import active_templates
from certificates.services import (
    default_templates_ensure,
    issuer_from_authority,
    page_texts,
    template_for,
)
from tests.certificates.conftest import grant, make_decision, merit_form

pytestmark = pytest.mark.django_db


def _template(name, **fields) -> CertificateTemplate:
    return CertificateTemplate.objects.create(name=name, **fields)


@pytest.fixture
def candidates(db):
    CertificateTemplate.objects.all().delete()
    form = merit_form()
    return {
        "any": _template("Mọi khen thưởng"),
        "authority": _template("UBND thị xã", authority="ubnd thi xa thu"),
        "award": _template("Giấy khen", form=form),
        "award_authority": _template("Giấy khen thị xã", form=form, authority="UBND thị xã Thử"),
        "other_award": _template(
            "Bằng khen", form=AwardForm.objects.get(code="certificate_of_commendation_provincial")
        ),
        "other_authority": _template("Xã khác", form=form, authority="UBND xã Xa Lạ"),
    }


def _chosen(tree, candidates) -> str:
    decision = make_decision(tree)
    awarded = grant(decision, unit=tree.ward_a)
    found = template_for(grant=awarded, authority=decision.authority, templates=active_templates())
    return next((key for key, t in candidates.items() if t.pk == found.pk), found.name)


def test_the_most_specific_template_is_chosen(tree, candidates):
    order = ["award_authority", "award", "authority", "any"]
    for key in order:
        assert _chosen(tree, candidates) == key
        candidates[key].active = False
        candidates[key].save()

    # Nothing applies any more: the built-in default for a Giấy khen.
    assert _chosen(tree, candidates) == "GIẤY KHEN"


def test_an_authority_matches_ignoring_case_and_accents(tree, candidates):
    candidates["award_authority"].delete()
    candidates["award"].delete()

    assert _chosen(tree, candidates) == "authority"  # "ubnd thi xa thu"


def test_a_newer_template_for_the_same_award_replaces_the_older(tree, candidates):
    newer = _template("Giấy khen mới", form=merit_form(), authority="UBND thị xã Thử")

    assert _chosen(tree, candidates) == newer.name


def test_a_title_gets_a_certificate_of_the_title(tree):
    CertificateTemplate.objects.all().delete()
    default_templates_ensure()
    decision = make_decision(tree)
    worker = EmulationTitle.objects.get(code="advanced_worker")
    awarded = grant(decision, unit=tree.ward_a, form=None, title=worker)
    template = template_for(
        grant=awarded, authority=decision.authority, templates=active_templates()
    )

    texts = page_texts(grant=awarded, decision=decision, template=template)

    assert texts["heading"] == "GIẤY CHỨNG NHẬN"
    assert texts["verb"] == "CHỨNG NHẬN"
    assert texts["reason"] == f"Đã đạt danh hiệu “{worker.name_vi}” năm 2020"


def test_the_default_templates_exist_once_per_form():
    created = default_templates_ensure()
    again = default_templates_ensure()

    assert [t.pk for t in created] == [t.pk for t in again]
    headings = {t.form.code if t.form else None: t.heading for t in created}
    assert headings == {
        "certificate_of_merit": "GIẤY KHEN",
        "certificate_of_commendation_provincial": "BẰNG KHEN",
        "certificate_of_commendation_pm": "BẰNG KHEN",
        None: "GIẤY CHỨNG NHẬN",
    }


def test_the_issuer_line_spells_out_the_committee():
    assert issuer_from_authority("Chủ tịch  UBND thị xã Sơn Tây") == (
        "CHỦ TỊCH ỦY BAN NHÂN DÂN THỊ XÃ SƠN TÂY"
    )
    assert issuer_from_authority("Thủ tướng Chính phủ") == "THỦ TƯỚNG CHÍNH PHỦ"
