"""Award dossiers in the browser (issue: award dossiers): on the demo's Phú Lãm round, the unit
completes and submits its dossier on a phone, the secretariat returns it with a comment, the
unit replaces a document and resubmits, the secretariat appraises, the council votes and the
decision is issued; the public page lists the nominees."""

import pytest

from awards.models import AwardGrant
from dossiers.demo import COUNCIL_MEMBERS, ROUND_NAME
from dossiers.models import Dossier, ReviewComment, Round
from tests.browser.conftest import screenshot
from tests.browser.test_cluster_journey import log_in
from tests.uploads import pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def pdf_file(name: str, text: str = "Ho so") -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": pdf_bytes(text=text)}


def upload_missing(page) -> None:
    """Upload a PDF for every document the edit page shows as missing."""
    missing = page.locator(".checklist-item.list-group-item-warning")
    while missing.count():
        item = missing.first
        key = item.get_attribute("data-item")
        item.locator("input[type=file]").set_input_files(pdf_file(f"{key}.pdf"))
        item.locator("button[type=submit]").click()
        page.locator(f".checklist-item[data-item='{key}'] a").first.wait_for()


def test_dossier_from_submission_to_decision(phone, demo_world):
    round_ = Round.objects.get(name=ROUND_NAME)
    dossier = Dossier.objects.get(round=round_, unit__name="Trường THCS Phú Lãm")
    ready = Dossier.objects.get(round=round_, unit__name="Tổ dân phố số 2 phường Phú Lãm")

    # The ward officer completes the school's draft on his phone and submits it, late.
    log_in(phone, "canbo_phulam", demo_world["canbo_phulam"])
    phone.goto("/dossiers/")
    phone.goto(f"/dossiers/{dossier.pk}/edit/")
    upload_missing(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    phone.locator("#submission-check button[type=submit]").click()
    phone.wait_for_url(f"**/dossiers/{dossier.pk}/")
    phone.locator("#status .status-submitted").wait_for()
    dossier.refresh_from_db()
    assert (dossier.status, dossier.version, dossier.submitted_late) == ("submitted", 1, True)
    screenshot(phone, "dossier-submitted-phone")

    # The secretariat takes it for appraisal and returns it with a comment on a document.
    log_in(phone, "thuongtruc", demo_world["thuongtruc"])
    phone.goto("/dossiers/queue/")
    phone.locator(f"tr[data-dossier='{dossier.pk}']").wait_for()
    phone.goto(f"/dossiers/{dossier.pk}/appraisal/")
    phone.locator("#take-form button[type=submit]").click()
    phone.locator("#return-form").wait_for()
    phone.locator("#return-form textarea[name=reason]").fill("Tờ trình chưa có chữ ký, con dấu.")
    phone.locator("#return-form input[name^='comment_c_proposal_letter']").fill("Ký và đóng dấu")
    phone.locator("#return-form button[type=submit]").click()
    phone.wait_for_load_state()
    dossier.refresh_from_db()
    assert dossier.status == "returned"
    assert ReviewComment.objects.get(dossier=dossier, component="proposal_letter").text == (
        "Ký và đóng dấu"
    )

    # The officer sees the reason, replaces the letter and resubmits; the new version shows.
    log_in(phone, "canbo_phulam", demo_world["canbo_phulam"])
    phone.goto(f"/dossiers/{dossier.pk}/edit/")
    assert "Tờ trình chưa có chữ ký" in phone.locator("#return-reason").inner_text()
    letter = phone.locator(".checklist-item[data-item='proposal_letter']")
    letter.locator("input[type=file]").set_input_files(pdf_file("to-trinh-da-ky.pdf", "Da ky"))
    letter.locator("button[type=submit]").click()
    letter.get_by_text("to-trinh-da-ky.pdf").wait_for()
    phone.locator("#submission-check button[type=submit]").click()
    phone.wait_for_url(f"**/dossiers/{dossier.pk}/")
    phone.goto(f"/dossiers/{dossier.pk}/versions/")
    assert "to-trinh-da-ky.pdf" in phone.content()
    screenshot(phone, "dossier-versions-phone")

    # The secretariat appraises: eligible, then done.
    log_in(phone, "thuongtruc", demo_world["thuongtruc"])
    phone.goto(f"/dossiers/{dossier.pk}/appraisal/")
    phone.locator("#take-form button[type=submit]").click()
    nomination = dossier.nominations.get()
    phone.locator(f"select[name=verdict_{nomination.pk}]").select_option("eligible")
    phone.locator("#verdict-form button[type=submit]").click()
    phone.locator("#appraise-form button[type=submit]").click()
    phone.wait_for_load_state()
    dossier.refresh_from_db()
    assert dossier.status == "appraised"

    # The council meets: five members, all present; both appraised dossiers are voted on.
    phone.goto(f"/dossiers/rounds/{round_.pk}/sessions/new/")
    phone.locator("input[name=held_on]").fill("28/03/2022")
    phone.locator("textarea[name=members]").fill(
        "\n".join(f"{name} | {position} | có" for name, position, _present in COUNCIL_MEMBERS)
    )
    for unit in (dossier, ready):
        phone.locator(f"input[name=dossiers][value='{unit.pk}']").check()
    phone.locator("#session-form button[type=submit]").click()
    phone.locator("#votes-form").wait_for()
    for field in phone.locator("#votes-form input[name$='-yes']").all():
        field.fill("5")
    phone.locator("#votes-form button[type=submit]").click()
    phone.locator("#close-form button[type=submit]").click()
    phone.locator("#closed").wait_for()
    assert set(
        Dossier.objects.filter(pk__in=[dossier.pk, ready.pk]).values_list("status", flat=True)
    ) == {"decided"}
    screenshot(phone, "dossier-council-session-phone")

    # The decision grants both approved nominations.
    phone.goto(f"/dossiers/rounds/{round_.pk}/decisions/new/")
    for box in phone.locator("#decision-form input[name=nominations]").all():
        box.check()
    phone.locator("input[name=number]").fill("2050/QĐ-UBND")
    phone.locator("input[name=date]").fill("05/04/2022")
    phone.locator("input[name=authority]").fill("Chủ tịch UBND thành phố Hà Nội")
    phone.locator("#decision-form button[type=submit]").click()
    phone.get_by_text("2050/QĐ-UBND").first.wait_for()
    grants = AwardGrant.objects.filter(decision__number="2050/QĐ-UBND")
    assert {grant.person.full_name for grant in grants} == {"Nguyễn Thị Thu Hà", "Vũ Thị Lan"}
    assert set(
        Dossier.objects.filter(pk__in=[dossier.pk, ready.pk]).values_list("status", flat=True)
    ) == {"decision_issued"}

    # Anyone can read the round's public nominee list, without logging in.
    phone.context.clear_cookies()
    phone.goto(f"/dossiers/public/{round_.public_token}/")
    assert "Nguyễn Thị Thu Hà" in phone.content()
    assert "Trường THCS Phú Lãm" in phone.content()
