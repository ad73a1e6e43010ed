"""Deadlines, the units that owe something by them, and the reminders sent for them.

Every dated obligation becomes a ``Deadline`` (reminders/sources.py reads them from the plans'
schedule tasks, the registration windows, the review rounds and the cluster documents; the
secretariat may add others). ``DeadlineUnit`` rows are the units responsible for it; what
counts as done depends on the kind (``reminders.selectors.owing``): a schedule task or another
obligation when the unit marks it done (with a file if it wants), a registration when it is
submitted, a round when the unit's dossier is submitted or the unit says it has none, a cluster
document when it is uploaded.

A ``ReminderDispatch`` is one reminder of one unit for one offset of one deadline: the unique
constraint makes it impossible to remind a unit twice for the same thing. The secretariat gets
the overdue units of its council as one ``OverdueDigest`` a day.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.models import StoredDocument
from common.uploads import PrivateUploadTo
from notifications.models import Delivery
from organizations.models import Council, Unit
from reminders.offsets import validate_offsets


class Deadline(models.Model):
    """One dated obligation and its reminder settings.

    ``due_date`` is the last day (inclusive). ``offsets`` (e.g. "-7w, -3w, -1d, 0, +1d", see
    reminders/offsets.py) overrides the plan's ``reminder_offsets``, which overrides
    ``settings.REMINDER_DEFAULT_OFFSETS``; ``counting`` says how an offset written without a
    unit is counted. Exactly one source is set for the kinds read from other apps; ``OTHER``
    has none. ``council`` is the council whose secretariat follows the deadline (the overdue
    digest goes to it).
    """

    class Kind(models.TextChoices):
        SCHEDULE_TASK = "schedule_task", _("Plan schedule task")
        REGISTRATION = "registration", _("Emulation registration")
        ROUND = "round", _("Award dossiers")
        CLUSTER_DOCUMENT = "cluster_document", _("Cluster document")
        OTHER = "other", _("Other obligation")

    class Counting(models.TextChoices):
        CALENDAR = "calendar", _("Calendar days")
        WORKING = "working", _("Working days")

    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    title = models.CharField(_("obligation"), max_length=500)
    due_date = models.DateField(_("due date"), db_index=True)
    counting = models.CharField(
        _("days counted as"), max_length=16, choices=Counting.choices, default=Counting.WORKING
    )
    offsets = models.CharField(
        _("reminders"),
        max_length=100,
        blank=True,
        validators=[validate_offsets],
        help_text=_(
            "Empty: the plan's setting. E.g. “-7w, -3w, -1d, 0, +1d”: w = working days, "
            "d = calendar days, minus before the due date, plus after it (overdue)."
        ),
    )
    council = models.ForeignKey(
        Council,
        verbose_name=_("council"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deadlines",
    )
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reminder_deadlines",
    )
    schedule_task = models.OneToOneField(
        "plans.ScheduleTask",
        verbose_name=_("schedule task"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reminder_deadline",
    )
    registration_window = models.OneToOneField(
        "registrations.RegistrationWindow",
        verbose_name=_("registration window"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reminder_deadline",
    )
    round = models.OneToOneField(
        "dossiers.Round",
        verbose_name=_("review round"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reminder_deadline",
    )
    cluster = models.ForeignKey(
        "campaigns.Cluster",
        verbose_name=_("cluster"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reminder_deadlines",
    )
    document_kind = models.CharField(_("document"), max_length=32, blank=True)
    units = models.ManyToManyField(
        Unit, through="DeadlineUnit", related_name="reminder_deadlines", blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["due_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "document_kind"],
                condition=Q(cluster__isnull=False),
                name="reminder_deadline_one_per_cluster_document",
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind="schedule_task", schedule_task__isnull=False)
                    | Q(kind="registration", registration_window__isnull=False)
                    | Q(kind="round", round__isnull=False)
                    | Q(kind="cluster_document", cluster__isnull=False)
                    | Q(kind="other")
                ),
                name="reminder_deadline_kind_has_its_source",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.due_date:%d/%m/%Y} – {self.title[:80]}"


class DeadlineUnit(models.Model):
    """A unit responsible for a deadline, and whether it has said it is done.

    ``added_at``: reminders whose time came before it are not sent to this unit. ``due_date``,
    when set, is this unit's own last day (an extension granted to it). ``done_at`` is set when
    the unit marks the obligation done (``done_note``: what it did, or that it has no dossier);
    kinds done by another record (a submitted registration, a submitted dossier, an uploaded
    cluster document) are judged from that record by ``reminders.selectors.owing``.
    """

    deadline = models.ForeignKey(
        Deadline, on_delete=models.CASCADE, related_name="targets", verbose_name=_("deadline")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="deadline_targets", verbose_name=_("unit")
    )
    added_at = models.DateTimeField(_("responsible since"), auto_now_add=True)
    due_date = models.DateField(_("extended until"), null=True, blank=True)
    done_at = models.DateTimeField(_("marked done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked done by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    done_note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("responsible unit")
        verbose_name_plural = _("responsible units")
        ordering = ["deadline", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["deadline", "unit"], name="deadline_unit_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.deadline}"

    @property
    def last_day(self):
        """This unit's last day: its extension when later than the deadline's (the value
        annotated by ``reminders.selectors.with_state`` when the row comes from there)."""
        if "_last_day" in self.__dict__:
            return self.__dict__["_last_day"]
        if self.due_date and self.due_date > self.deadline.due_date:
            return self.due_date
        return self.deadline.due_date

    @last_day.setter
    def last_day(self, value) -> None:
        # Django sets a queryset's annotations as attributes: ``with_state`` annotates this.
        self.__dict__["_last_day"] = value


class DoneProof(StoredDocument):
    """A file a unit attached when marking a deadline done (a report, a signed record)."""

    target = models.ForeignKey(
        DeadlineUnit, on_delete=models.CASCADE, related_name="proofs", verbose_name=_("unit")
    )
    file = models.FileField(_("file"), upload_to=PrivateUploadTo("deadlines"), max_length=255)

    class Meta:
        verbose_name = _("proof of completion")
        verbose_name_plural = _("proofs of completion")
        ordering = ["-uploaded_at", "-pk"]


class ReminderDispatch(Delivery):
    """The reminder of one unit for one offset of one deadline: sent to the unit's officers
    by mail and under their bell. ``offset`` is the token of reminders/offsets.py ("-7w", "0",
    "+1d"); ``send_on`` the day it became due; ``overdue`` whether it is after the due date."""

    deadline = models.ForeignKey(
        Deadline, on_delete=models.CASCADE, related_name="dispatches", verbose_name=_("deadline")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="reminder_dispatches", verbose_name=_("unit")
    )
    offset = models.CharField(_("reminder"), max_length=8)
    send_on = models.DateField(_("reminder day"))
    overdue = models.BooleanField(_("overdue"), default=False)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-send_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["deadline", "unit", "offset"], name="reminder_dispatch_once"
            )
        ]
        indexes = [models.Index(fields=["status", "queued_at"])]

    def __str__(self) -> str:
        return f"{self.unit} – {self.deadline} ({self.offset})"


class OverdueDigest(Delivery):
    """The daily mail to a council's secretariat listing its units that are overdue."""

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="overdue_digests", verbose_name=_("council")
    )
    day = models.DateField(_("day"))
    items = models.PositiveIntegerField(_("overdue items"), default=0)

    class Meta:
        verbose_name = _("overdue digest")
        verbose_name_plural = _("overdue digests")
        ordering = ["-day", "council"]
        constraints = [
            models.UniqueConstraint(fields=["council", "day"], name="overdue_digest_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.council} – {self.day:%d/%m/%Y}"
