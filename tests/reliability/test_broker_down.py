"""Redis down while a unit officer submits his dossier: the submission goes through, the
secretariat has its notification, the mail waits in the outbox and, once Redis is back, the
dispatcher's recovery hands it to a worker that sends it exactly once."""

import time

import pytest
from django.urls import reverse

from dossiers.models import Dossier
from notifications.models import Notification, OutgoingMail
from notifications.services import mails_recover
from tests.dossiers.conftest import make_dossier
from tests.reliability.workers import celery_broker

DEAD_BROKER = "redis://127.0.0.1:1/0"  # nothing listens on port 1: connection refused
QUICK_S = 3.0  # a submission must not wait longer than this for a broker that is down


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_dossier_submit_redis_down_submits_then_mails_once_when_redis_is_back(
    postgresql,
    redis_url,
    smtp_sink,
    start_worker,
    award_catalog,
    world,
    client,
    settings,
    tmp_path,
    caplog,
):
    settings.MEDIA_ROOT = tmp_path / "media"
    dossier = make_dossier(world)
    secretariat = [world.secretariat, world.specialist]
    client.force_login(world.officer_a)

    with celery_broker(DEAD_BROKER):
        started = time.perf_counter()
        response = client.post(reverse("dossiers:act", args=[dossier.pk, "submit"]))
        took = time.perf_counter() - started

    detail = reverse("dossiers:detail", args=[dossier.pk])
    assert (response.status_code, response.url) == (302, detail)
    assert "alert-success" in client.get(detail).content.decode()
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.SUBMITTED
    assert set(Notification.objects.values_list("user", flat=True)) == {u.pk for u in secretariat}
    assert sorted(OutgoingMail.objects.values_list("to", "status", "queued_at")) == sorted(
        (user.email, OutgoingMail.Status.SCHEDULED, None) for user in secretariat
    )
    assert "The broker refused OutgoingMail rows; 2 wait" in caplog.text

    with celery_broker(redis_url):  # Redis is back
        start_worker()
        assert mails_recover() == 2
        smtp_sink.wait_for(2, timeout=30)
        time.sleep(1)  # a second copy would arrive now

    assert smtp_sink.by_recipient() == {user.email: 1 for user in secretariat}
    assert set(OutgoingMail.objects.values_list("status", flat=True)) == {"sent"}
    print(f"\nsubmission with Redis down answered in {took:.2f} s")
    assert took <= QUICK_S, f"the submission took {took:.1f} s with Redis down"
