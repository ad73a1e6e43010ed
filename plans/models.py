"""Emulation and commendation plans (Kế hoạch công tác thi đua, khen thưởng).

A ``Plan`` is issued by a unit's council or People's Committee for a year. Its body is a tree
of ``PlanSection`` rows (ordered, with a level), its appendix a list of ``ScheduleTask`` rows,
and every dated obligation in it a ``Deadline``. A ``PlanImport`` keeps an uploaded document
and what the parser understood of it until the user has reviewed and saved it.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organizations.models import Unit
from reminders.offsets import validate_offsets


class Plan(models.Model):
    """One plan document of a unit for a year.

    ``issue_date`` is set when the document gives a full date; when its day was left blank
    ("ngày   tháng 12 năm 2021") only ``issue_month`` ("YYYY-MM") is known — a day is never
    invented. ``pdf_rendered_at`` older than ``updated_at`` means the stored PDF is stale.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ISSUED = "issued", _("Issued")

    issuing_unit = models.ForeignKey(
        Unit, verbose_name=_("issuing unit"), on_delete=models.PROTECT, related_name="plans"
    )
    issuer = models.CharField(_("issuing body"), max_length=255, blank=True)
    parent_issuer = models.CharField(_("parent body"), max_length=255, blank=True)
    number = models.CharField(_("document number"), max_length=64, blank=True)
    place = models.CharField(_("place"), max_length=128, blank=True)
    issue_date = models.DateField(_("issue date"), null=True, blank=True)
    issue_month = models.CharField(_("issue month"), max_length=7, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=500)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    signer_name = models.CharField(_("signer"), max_length=255, blank=True)
    signer_title = models.CharField(_("signer title"), max_length=255, blank=True)
    legal_bases = models.JSONField(_("legal bases"), default=list, blank=True)
    recipients = models.JSONField(_("recipients"), default=list, blank=True)
    campaign_names = models.JSONField(_("campaigns mentioned"), default=list, blank=True)
    cluster_names = models.JSONField(_("clusters mentioned"), default=list, blank=True)
    source_file = models.FileField(_("source file"), upload_to="plans/sources/", blank=True)
    source_text = models.TextField(_("source text"), blank=True)
    pdf_file = models.FileField(_("PDF"), upload_to="plans/pdf/", blank=True)
    pdf_rendered_at = models.DateTimeField(_("PDF rendered at"), null=True, blank=True)
    pdf_requested_at = models.DateTimeField(_("PDF requested at"), null=True, blank=True)
    pdf_error = models.TextField(_("PDF error"), blank=True)
    reminder_offsets = models.CharField(
        _("reminders"),
        max_length=100,
        blank=True,
        validators=[validate_offsets],
        help_text=_("When the units are reminded of this plan's deadlines; empty: the default."),
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
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-year", "issuing_unit__name", "number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuing_unit", "year", "number"],
                condition=~Q(number=""),
                name="plan_number_unique_per_unit_and_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} – {self.title}" if self.number else self.title

    @property
    def is_draft(self) -> bool:
        """Still a draft: it can be edited and issued."""
        return self.status == self.Status.DRAFT

    @property
    def pdf_state(self) -> str:
        """The PDF in one word: "rendering", "failed", "ready", "stale" or "none"."""
        if self.pdf_is_rendering:
            return "rendering"
        if self.pdf_error:
            return "failed"
        if self.pdf_is_current:
            return "ready"
        return "stale" if self.pdf_file else "none"

    @property
    def pdf_is_rendering(self) -> bool:
        """A PDF was requested after the last one was rendered and has not failed."""
        return (
            self.pdf_requested_at is not None
            and not self.pdf_error
            and (self.pdf_rendered_at is None or self.pdf_requested_at > self.pdf_rendered_at)
        )

    @property
    def pdf_is_current(self) -> bool:
        """A PDF exists and was rendered after the last change to the plan."""
        return (
            bool(self.pdf_file)
            and self.pdf_rendered_at is not None
            and (self.pdf_rendered_at >= self.updated_at)
        )


class PlanSection(models.Model):
    """One heading of the plan's body with its own text; ``level`` 1 is outermost."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveIntegerField(_("order"))
    heading = models.TextField(_("heading"))
    level = models.PositiveSmallIntegerField(_("level"))
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("plan section")
        verbose_name_plural = _("plan sections")
        ordering = ["plan", "order"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "order"], name="plan_section_order_unique")
        ]

    def __str__(self) -> str:
        return self.heading


class ScheduleTask(models.Model):
    """A row of the plan's schedule appendix (Phụ lục tiến độ).

    The unit columns keep the text as written; ``executing_units`` and ``coordinating_units`` link
    the units whose names resolve. A task without a date falls due at the end of its quarter.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="schedule_tasks")
    order = models.PositiveIntegerField(_("order"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), null=True, blank=True)
    content = models.TextField(_("content"))
    directing = models.CharField(_("directing unit"), max_length=500, blank=True)
    executing = models.CharField(_("executing units"), max_length=500, blank=True)
    coordinating = models.CharField(_("coordinating units"), max_length=500, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    due_text = models.CharField(_("time as written"), max_length=500, blank=True)
    executing_units = models.ManyToManyField(
        Unit, verbose_name=_("executing units"), blank=True, related_name="executed_tasks"
    )
    coordinating_units = models.ManyToManyField(
        Unit, verbose_name=_("coordinating units"), blank=True, related_name="coordinated_tasks"
    )

    class Meta:
        verbose_name = _("schedule task")
        verbose_name_plural = _("schedule tasks")
        ordering = ["plan", "order"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "order"], name="schedule_task_order_unique"),
            models.CheckConstraint(
                condition=Q(quarter__isnull=True) | Q(quarter__gte=1, quarter__lte=4),
                name="schedule_task_quarter_1_to_4",
            ),
        ]

    def __str__(self) -> str:
        return self.content[:80]


class Deadline(models.Model):
    """A dated obligation of a plan: from its body or from a schedule task."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="deadlines")
    due_date = models.DateField(_("due date"))
    text = models.TextField(_("obligation"))
    schedule_task = models.ForeignKey(
        ScheduleTask,
        verbose_name=_("schedule task"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deadlines",
    )

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["plan", "due_date", "pk"]
        indexes = [models.Index(fields=["due_date"])]

    def __str__(self) -> str:
        return f"{self.due_date:%d/%m/%Y} – {self.text[:60]}"

    def is_overdue(self, today: datetime.date) -> bool:
        """The due date has passed (the deadline itself is still due on its day)."""
        return self.due_date < today


class PlanReference(models.Model):
    """A superior plan this plan implements ("Thực hiện Kế hoạch số 01/KH-HĐTĐKT ngày …").

    ``superior_plan`` links to that plan when it is in the database.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="implements")
    number = models.CharField(_("document number"), max_length=64, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    issuer = models.CharField(_("issuing body"), max_length=255, blank=True)
    superior_plan = models.ForeignKey(
        Plan,
        verbose_name=_("superior plan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="implemented_by",
    )

    class Meta:
        verbose_name = _("superior plan reference")
        verbose_name_plural = _("superior plan references")
        ordering = ["plan", "pk"]

    def __str__(self) -> str:
        return self.number


class PlanImport(models.Model):
    """An uploaded plan document awaiting review: the file, its text and what was extracted.

    ``extracted`` holds the parser's JSON (plans/parsing: ``ParsedPlan.to_json``); ``warnings``
    what it could not find. Once saved, ``plan`` points at the result.
    """

    unit = models.ForeignKey(
        Unit, verbose_name=_("issuing unit"), on_delete=models.PROTECT, related_name="+"
    )
    source_file = models.FileField(_("source file"), upload_to="plans/imports/")
    original_name = models.CharField(_("file name"), max_length=255)
    source_text = models.TextField(_("source text"))
    extracted = models.JSONField(_("extracted data"))
    warnings = models.JSONField(_("warnings"), default=list)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    plan = models.ForeignKey(
        Plan, on_delete=models.SET_NULL, null=True, blank=True, related_name="imports"
    )

    class Meta:
        verbose_name = _("plan import")
        verbose_name_plural = _("plan imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name
