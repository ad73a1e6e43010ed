"""``manage.py send_reminders [--now "dd/mm/yyyy HH:MM"]``: one run of the reminder dispatcher
(reminders/services/dispatch.py), as Celery beat does every 15 minutes, with its counts."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count
from django.utils import timezone, translation

from notifications.models import Delivery
from reminders.models import OverdueDigest, ReminderDispatch
from reminders.services.dispatch import dispatch

STATES = {
    Delivery.Status.SENT: "đã gửi",
    Delivery.Status.SCHEDULED: "đang chờ gửi",
    Delivery.Status.FAILED: "không gửi được",
    Delivery.Status.SKIPPED: "không cần gửi nữa",
}


def parse_moment(text: str) -> datetime.datetime:
    """The local moment written "dd/mm/yyyy HH:MM". Raises ``CommandError`` (in Vietnamese)."""
    try:
        moment = datetime.datetime.strptime(text.strip(), "%d/%m/%Y %H:%M")  # noqa: DTZ007
    except ValueError:
        raise CommandError(
            f"Thời điểm “{text}” không đúng dạng ngày/tháng/năm giờ:phút, ví dụ 05/03/2026 09:00."
        ) from None
    return timezone.make_aware(moment)


class Command(BaseCommand):
    help = (
        "Run the reminder dispatcher once: sync the deadlines, write the reminders and overdue "
        "digests due, hand them and the waiting mail to the workers, and print the counts."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--now",
            metavar='"dd/mm/yyyy HH:MM"',
            help="Run as if it were this local moment (default: now).",
        )

    def handle(self, *args, now: str | None = None, **options) -> None:
        translation.activate("vi")
        moment = parse_moment(now) if now else None
        started = timezone.now()
        result = dispatch(now=moment)
        when = timezone.localtime(moment or started)
        self.stdout.write(
            f"Bộ nhắc hạn chạy lúc {when:%d/%m/%Y %H:%M}: {result.reminders} thư nhắc hạn mới, "
            f"{result.digests} thư tổng hợp quá hạn mới; {result.handed_over} thư đã chuyển cho "
            f"tiến trình gửi, {result.mails_recovered} thư trong hộp thư đi được gửi lại."
        )
        for model, label in ((ReminderDispatch, "Thư nhắc hạn"), (OverdueDigest, "Thư tổng hợp")):
            counts = dict(
                model.objects.filter(created_at__gte=started)
                .order_by()
                .values_list("status")
                .annotate(n=Count("pk"))
                .values_list("status", "n")
            )
            if counts:
                states = ", ".join(f"{counts[s]} {STATES[s]}" for s in STATES if counts.get(s))
                self.stdout.write(f"  {label} của lần chạy này: {states}.")
