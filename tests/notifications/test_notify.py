"""Telling users of an event: a notification under the bell at once, a mail in the outbox sent
after the caller's transaction commits, each in the recipient's language; and the dossier
events that use it (a unit submits: the secretariat is told; the secretariat returns: the
unit is told)."""

from types import SimpleNamespace

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError

from dossiers.services.appraisal import dossier_return
from dossiers.services.workflow import SUBMIT, TAKE, dossier_transition
from notifications.models import Notification, OutgoingMail
from notifications.services import mails_recover, notify, preference_update
from notifications.tasks import send_mail_task
from tests.dossiers.conftest import make_dossier

pytestmark = pytest.mark.django_db
SUBMITTED = "dossiers/email/submitted"


def submitted_context(late: bool = False) -> dict:
    dossier = SimpleNamespace(
        unit=SimpleNamespace(name="Phường An Bình"),
        round=SimpleNamespace(name="Khen thưởng năm 2026 – đợt 1"),
        version=2,
        submitted_late=late,
    )
    return {"dossier": dossier, "path": "/dossiers/7/appraisal/"}


def tell(users, **kwargs):
    values = {
        "title": lambda: _("Dossier submitted: %(unit)s") % {"unit": "Phường An Bình"},
        "url": "/dossiers/7/appraisal/",
        "mail_template": SUBMITTED,
        "context": submitted_context(),
        "body": "Khen thưởng năm 2026 – đợt 1",
        **kwargs,
    }
    return notify(users=users, **values)


def test_notify_tells_everyone_under_the_bell_and_mails_those_with_an_address(
    people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        rows = tell(people)
    assert len(callbacks) == 1
    assert sorted(Notification.objects.values_list("user__username", "url")) == [
        ("hung", "/dossiers/7/appraisal/"),
        ("john", "/dossiers/7/appraisal/"),
        ("lan", "/dossiers/7/appraisal/"),
    ]
    assert sorted(row.to for row in rows) == ["john@sontay.example.com", "lan@sontay.example.com"]
    assert not mail.outbox  # nothing leaves before the caller's transaction commits
    assert set(OutgoingMail.objects.values_list("status", "queued_at")) == {("scheduled", None)}


def test_notify_writes_each_recipients_language(people):
    lan, john, _hung = people
    tell([lan, john])
    john_note = Notification.objects.get(user=john)
    assert john_note.title == "Dossier submitted: Phường An Bình"
    with translation.override("vi"):
        vi_title = _("Dossier submitted: %(unit)s") % {"unit": "Phường An Bình"}
    assert Notification.objects.get(user=lan).title == vi_title
    english = OutgoingMail.objects.get(to="john@sontay.example.com")
    assert english.subject == "[TĐKT] Dossier submitted: Phường An Bình"
    assert (
        "Phường An Bình has submitted its award dossier in the round “Khen thưởng năm 2026 – "
        "đợt 1” (submission 2)." in english.body
    )
    assert '<html lang="en">' in english.html_body
    vietnamese = OutgoingMail.objects.get(to="lan@sontay.example.com")
    assert '<html lang="vi">' in vietnamese.html_body


def test_notify_title_in_the_callers_text_when_given_as_plain_text(people):
    lan, john, _hung = people
    tell([lan, john], title="Hồ sơ mới")
    assert set(Notification.objects.values_list("title", flat=True)) == {"Hồ sơ mới"}


def test_notify_cuts_a_long_title_and_subject_to_fit(people):
    _lan, john, _hung = people
    context = submitted_context()
    context["dossier"].unit.name = "Tổ dân phố " * 30
    tell([john], title=lambda: "Hồ sơ " * 60, context=context)
    note = Notification.objects.get(user=john)
    assert (len(note.title), note.title[-1]) == (255, "…")
    row = OutgoingMail.objects.get()
    assert (len(row.subject), row.subject[-1]) == (255, "…")


def test_notify_mail_is_sent_after_commit_with_text_html_and_absolute_link(
    people, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://tdkt.sontay.gov.vn"
    _lan, john, _hung = people
    with django_capture_on_commit_callbacks(execute=True):
        tell([john], context=submitted_context(late=True))
    (message,) = mail.outbox
    assert message.to == ["john@sontay.example.com"]
    assert "It arrived after the closing day." in message.body
    assert "Appraise it here: https://tdkt.sontay.gov.vn/dossiers/7/appraisal/" in message.body
    assert 'href="https://tdkt.sontay.gov.vn/dossiers/7/appraisal/"' in message.alternatives[0][0]
    row = OutgoingMail.objects.get()
    assert (row.status, row.recipients) == ("sent", "john@sontay.example.com")


def test_broker_down_leaves_the_mail_waiting_and_the_callers_work_done(
    people, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    lan, john, _hung = people

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(send_mail_task, "apply_async", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        tell([lan, john])
    assert Notification.objects.count() == 2
    assert set(OutgoingMail.objects.values_list("status", "queued_at", "attempts")) == {
        ("scheduled", None, 0)
    }
    assert "The broker refused OutgoingMail rows; 2 wait" in caplog.text
    assert not mail.outbox
    monkeypatch.undo()  # the broker is back: the dispatcher's recovery hands the mail over
    assert mails_recover() == 2
    assert set(OutgoingMail.objects.values_list("status", flat=True)) == {"sent"}
    assert len(mail.outbox) == 2
    assert mails_recover() == 0


# --- dossier events ------------------------------------------------------------------------


def test_dossier_submit_tells_the_secretariat(world, django_capture_on_commit_callbacks):
    preference_update(user=world.secretariat, language="en", mute_reminders=False)
    dossier = make_dossier(world)
    with django_capture_on_commit_callbacks(execute=True):
        dossier_transition(dossier=dossier, action=SUBMIT, actor=world.officer_a)
    notes = Notification.objects.filter(user__in=[world.secretariat, world.specialist])
    assert {note.url for note in notes} == {f"/dossiers/{dossier.pk}/appraisal/"}
    assert notes.get(user=world.secretariat).title == "Dossier submitted: Phường An Bình"
    assert not Notification.objects.filter(user=world.officer_a).exists()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "chuyenvien@example.com",
        "thuongtruc@example.com",
    ]
    (english,) = [m for m in mail.outbox if m.to == ["thuongtruc@example.com"]]
    assert english.subject == "[TĐKT] Dossier submitted: Phường An Bình"
    assert f"/dossiers/{dossier.pk}/appraisal/" in english.body


def test_dossier_return_tells_the_units_officer_with_the_reason(
    world, django_capture_on_commit_callbacks
):
    preference_update(user=world.officer_a, language="en", mute_reminders=False)
    dossier = make_dossier(world)
    dossier_transition(dossier=dossier, action=SUBMIT, actor=world.officer_a)
    dossier_transition(dossier=dossier, action=TAKE, actor=world.secretariat)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        dossier_return(
            dossier=dossier,
            reason="Thiếu biên bản họp bình xét",
            comments=[],
            actor=world.secretariat,
        )
    note = Notification.objects.get(user=world.officer_a)
    assert (note.title, note.body, note.url) == (
        f"Dossier returned: {world.round.name}",
        "Thiếu biên bản họp bình xét",
        f"/dossiers/{dossier.pk}/",
    )
    (message,) = mail.outbox
    assert message.to == [world.officer_a.email]
    assert message.subject == f"[TĐKT] Dossier returned: {world.round.name}"
    assert "Reason: Thiếu biên bản họp bình xét" in message.body
    assert not Notification.objects.filter(user=world.officer_b).exists()
