"""The certificates PDF (certificates/services.py): one A4 landscape page per award that is not
revoked, full and pre-printed modes, positions, QR codes and tokens."""

import base64
import itertools
import re
import shutil
import subprocess

import pytest
from django.core.exceptions import ValidationError

from certificates.models import Certificate, CertificateTemplate
from certificates.positions import default_positions
from certificates.qr import qr_code, qr_svg, verification_url
from certificates.services import (
    certificate_pages,
    certificates_ensure,
    certificates_pdf,
    print_plan,
)
from tests.certificates.conftest import (
    FRAME_GOLD,
    drawing_ops,
    grant,
    make_decision,
    merit_form,
    page_text,
    pdf_pages,
    text_boxes,
)
from tests.conftest import require_service

pytestmark = pytest.mark.django_db
A4_LANDSCAPE_PT = (841.89, 595.28)


def test_one_a4_landscape_page_per_award_not_revoked(printing):
    content = certificates_pdf(decision=printing.decision)

    pages = pdf_pages(content)
    assert content.startswith(b"%PDF")
    assert len(pages) == 4  # five grants, one revoked
    for page in pages:
        box = page.mediabox
        assert (round(float(box.width), 2), round(float(box.height), 2)) == A4_LANDSCAPE_PT
    texts = [page_text(page) for page in pages]
    assert "Bà Nguyễn Thị Lan" in texts[0]
    assert "Ông Trần Văn Bình" in texts[1]
    assert "Phường Bình Minh" in texts[2]
    assert "Hộ gia đình ông (bà) Đỗ Văn Hộ" in texts[3]
    assert not any("Lê Văn Thu Hồi" in text for text in texts)


def test_full_mode_prints_the_whole_certificate_in_its_frame(printing):
    page = pdf_pages(certificates_pdf(decision=printing.decision, mode="full"))[0]

    text = page_text(page)
    for words in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "GIẤY KHEN",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN THỊ XÃ THỬ",
        "TẶNG",
        "Bà Nguyễn Thị Lan",
        "Công chức Văn phòng – Thống kê, Phường An Bình",
        "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2020",
        "Quyết định số 25/QĐ-UBND ngày 20/01/2021",
        "Thử, ngày 20 tháng 01 năm 2021",
        "CHỦ TỊCH",
        "Phạm Văn Ký",
    ):
        assert words in text
    assert FRAME_GOLD in drawing_ops(page)


def test_preprinted_mode_prints_the_text_only(printing):
    page = pdf_pages(certificates_pdf(decision=printing.decision, mode="preprinted"))[0]

    text = page_text(page)
    assert "Bà Nguyễn Thị Lan" in text
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN THỊ XÃ THỬ" in text
    assert "Quyết định số 25/QĐ-UBND ngày 20/01/2021" in text
    # The blank already carries the national title, the heading and the frame.
    assert "CỘNG HÒA" not in text
    assert "GIẤY KHEN" not in text
    assert FRAME_GOLD not in drawing_ops(page)


def _preprinted_template(**recipient) -> CertificateTemplate:
    positions = default_positions()
    positions["recipient"].update(align="left", width=120, **recipient)
    return CertificateTemplate.objects.create(
        name="Phôi giấy khen thử", form=merit_form(), heading="GIẤY KHEN", positions=positions
    )


def _recipient_box(printing) -> tuple[float, float]:
    content = certificates_pdf(decision=printing.decision, mode="preprinted")
    return text_boxes(pdf_pages(content)[0])["Bà Nguyễn Thị Lan"]


def test_preprinted_mode_puts_each_text_at_its_saved_position(printing):
    template = _preprinted_template(x=20, y=50, size=20)
    x1, y1 = _recipient_box(printing)
    template.positions["recipient"].update(x=60, y=120)
    template.save()
    x2, y2 = _recipient_box(printing)

    assert x1 == pytest.approx(20, abs=0.2)
    assert 50 < y1 < 50 + 20 * 0.3528 * 1.3  # the baseline, within the first line's box
    assert (x2 - x1, y2 - y1) == (pytest.approx(40, abs=0.2), pytest.approx(70, abs=0.2))


def test_preprinted_mode_leaves_out_hidden_fields(printing):
    template = _preprinted_template()
    template.positions["details"]["show"] = False
    template.positions["heading"]["show"] = True
    template.save()

    text = page_text(pdf_pages(certificates_pdf(decision=printing.decision, mode="preprinted"))[0])

    assert "GIẤY KHEN" in text
    assert "Công chức Văn phòng" not in text


def test_each_page_carries_the_qr_code_of_its_verification_url(printing):
    content = certificates_pdf(decision=printing.decision)
    certificate = Certificate.objects.get(grant=printing.lan)
    url = verification_url(certificate.token)
    pages = certificate_pages(
        decision=printing.decision,
        grants=[printing.lan],
        certificates={printing.lan.pk: certificate},
    )

    assert url == f"https://tdkt.example.vn/verify/{certificate.token}/"
    assert url in page_text(pdf_pages(content)[0]).replace(" ", "")
    # The code drawn is the one segno builds from that URL (level M, 4-module quiet zone).
    assert pages[0].qr == qr_svg(url)
    assert qr_code(url).designator in ("4-M", "5-M")


@pytest.mark.parametrize("mode", ["full", "preprinted"])
def test_the_printed_qr_code_decodes_to_the_verification_url(printing, tmp_path, mode):
    require_service(
        "zbarimg and pdftoppm",
        bool(shutil.which("zbarimg") and shutil.which("pdftoppm")),
        "scripts/install-test-tools installs zbar-tools and poppler-utils",
    )
    content = certificates_pdf(decision=printing.decision, mode=mode, grants=[printing.lan])
    pdf = tmp_path / "certificate.pdf"
    pdf.write_bytes(content)
    subprocess.run(  # noqa: S603
        ["pdftoppm", "-r", "150", "-png", str(pdf), str(tmp_path / "page")],  # noqa: S607
        check=True,
    )
    decoded = subprocess.run(  # noqa: S603
        ["zbarimg", "--quiet", "--raw", *map(str, tmp_path.glob("page*.png"))],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()

    token = Certificate.objects.get(grant=printing.lan).token
    assert decoded == [f"https://tdkt.example.vn/verify/{token}/"]


def test_certificates_are_made_on_first_print_with_unguessable_tokens(printing):
    assert not Certificate.objects.exists()

    certificates_pdf(decision=printing.decision)

    certificates = list(Certificate.objects.select_related("grant"))
    assert {c.grant for c in certificates} == set(print_plan(decision=printing.decision).printable)
    tokens = [c.token for c in certificates]
    assert len(set(tokens)) == len(tokens)
    for certificate in certificates:
        assert re.fullmatch(r"[A-Za-z0-9_-]{22,}", certificate.token)
        assert len(base64.urlsafe_b64decode(certificate.token + "==")) >= 16
    # Consecutive grants get unrelated tokens, and a token is not made from the grant's id.
    ordered = sorted(tokens)
    for a, b in itertools.pairwise(ordered):
        assert sum(x != y for x, y in zip(a, b, strict=False)) > len(a) // 2
    lan = Certificate.objects.get(grant=printing.lan)
    lan.delete()
    assert certificates_ensure(grants=[printing.lan])[printing.lan.pk].token != lan.token


def test_tokens_stay_the_same_across_reprints_and_printings_are_counted(printing):
    certificates_pdf(decision=printing.decision)
    first = dict(Certificate.objects.values_list("grant_id", "token"))

    certificates_pdf(decision=printing.decision, mode="preprinted", printed_by=printing.secretariat)

    assert dict(Certificate.objects.values_list("grant_id", "token")) == first
    lan = Certificate.objects.get(grant=printing.lan)
    assert lan.times_printed == 2
    assert lan.printed_by == printing.secretariat
    assert lan.printed_at is not None


def test_a_reprint_of_some_grants_prints_only_those_of_the_decision(printing, tree):
    other = grant(make_decision(tree, number="99/QĐ-UBND"), unit=tree.ward_a)

    content = certificates_pdf(
        decision=printing.decision, grants=[printing.binh, printing.revoked, other]
    )

    pages = pdf_pages(content)
    assert len(pages) == 1
    assert "Ông Trần Văn Bình" in page_text(pages[0])


def test_a_decision_with_nothing_left_to_print_is_refused(printing):
    with pytest.raises(ValueError, match="No certificate"):
        certificates_pdf(decision=printing.decision, grants=[printing.revoked])
    with pytest.raises(ValueError, match="mode"):
        certificates_pdf(decision=printing.decision, mode="draft")


def test_progress_is_told_the_pages_and_ends_at_the_total(printing):
    calls = []

    certificates_pdf(decision=printing.decision, progress=lambda done, total: calls.append(done))

    assert calls[0] == 0
    assert calls[-1] == 4
    assert calls == sorted(calls)


def test_certificates_ensure_keeps_existing_tokens(printing):
    existing = Certificate.objects.create(grant=printing.lan)

    found = certificates_ensure(grants=[printing.lan, printing.binh])

    assert found[printing.lan.pk].token == existing.token
    assert Certificate.objects.count() == 2


@pytest.mark.parametrize(
    ("positions", "code"),
    [
        ({"recipient": {"x": 290}}, "out_of_range"),  # 200 mm wide: past the right edge
        ({"stamp": {}}, "unknown_field"),
        ({"recipient": {"colour": "red"}}, "unknown_key"),
        ({"qr": {"size": 5}}, "out_of_range"),
        ({"reason": {"bold": "yes"}}, "not_a_boolean"),
        ({"reason": {"size": True}}, "not_a_number"),
        ({"reason": {"align": "justify"}}, "bad_alignment"),
        ([1, 2], "not_an_object"),
    ],
)
def test_a_template_with_wrong_positions_is_refused(positions, code):
    with pytest.raises(ValidationError) as error:
        CertificateTemplate.objects.create(name="Sai", positions=positions)

    assert error.value.code == code
    assert not CertificateTemplate.objects.filter(name="Sai").exists()


def test_a_template_fills_missing_positions_with_the_defaults():
    template = CertificateTemplate.objects.create(
        name="Một phần", positions={"recipient": {"y": 90}}
    )

    template.refresh_from_db()
    assert template.positions["recipient"]["y"] == 90
    assert template.positions["recipient"]["size"] == default_positions()["recipient"]["size"]
    assert template.positions["qr"] == default_positions()["qr"]
