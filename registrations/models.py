"""Emulation registrations (đăng ký thi đua) of a year.

Every January each unit says which titles and forms its collectives and individuals will strive
for this year (son-tay-2020 §5–7). A council opens a ``RegistrationWindow`` for a campaign (the
regular annual one, or a thematic one) with a closing date, usually taken from the plan's
schedule task. A unit fills one ``Registration`` per window, made of ``RegistrationEntry`` lines,
and submits it; it goes to the leader of the unit's cluster, or straight to the secretariat for
a unit outside the clusters. A cluster leader consolidates his members' accepted registrations
into a ``ClusterList`` (collectives first, then individuals) and submits it to the council.

Every change of state is recorded in ``common.StateChange`` by the transition functions of
registrations/services; nothing here changes ``status`` on its own.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.models import AwardForm, EmulationTitle
from campaigns.models import Campaign, Cluster
from organizations.models import Person, Unit


class RegistrationWindow(models.Model):
    """When the units of a council register for a campaign of a year.

    ``closes_on`` is the last day a unit may submit (inclusive); ``schedule_task`` is the plan's
    task it was read from, when it was (son-tay-2020 appendix, task 6: "Trước ngày 28/02/2020").
    The registrations for this window go to ``campaign.council``.
    """

    campaign = models.OneToOneField(
        Campaign,
        verbose_name=_("campaign"),
        on_delete=models.PROTECT,
        related_name="registration_window",
    )
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    closes_on = models.DateField(_("closes on"))
    schedule_task = models.ForeignKey(
        "plans.ScheduleTask",
        verbose_name=_("schedule task"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
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
        verbose_name = _("registration window")
        verbose_name_plural = _("registration windows")
        ordering = ["-campaign__year", "campaign__kind", "campaign__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_on__isnull=True) | Q(closes_on__gte=models.F("opens_on")),
                name="registration_window_closes_after_opening",
            )
        ]

    def __str__(self) -> str:
        return str(self.campaign)

    @property
    def year(self) -> int:
        return self.campaign.year


class Submission(models.Model):
    """What a registration and a cluster list share: a status moved only by
    registrations/services/flow.py, the latest return reason, who submitted when, and an
    extension of the window's last day granted by the secretariat (recorded with its reason in
    the audit trail)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for correction")
        ACCEPTED = "accepted", _("Accepted")

    EDITABLE = (Status.DRAFT, Status.RETURNED)

    window = models.ForeignKey(
        RegistrationWindow,
        verbose_name=_("registration window"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    extended_until = models.DateField(_("extended until"), null=True, blank=True)
    return_reason = models.TextField(_("reason for return"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_editable(self) -> bool:
        """A draft or a returned one can be changed and submitted."""
        return self.status in self.EDITABLE

    def last_day(self) -> datetime.date:
        """The last day a submission is accepted: the window's, or the extension's if later."""
        closes = self.window.closes_on
        if self.extended_until and self.extended_until > closes:
            return self.extended_until
        return closes


class Registration(Submission):
    """One unit's registration for one window (a campaign of a year).

    ``cluster`` is the unit's cluster of that year and council when the registration was
    started: its leader receives it; empty, the secretariat receives it directly. Once the
    leader consolidates it, ``cluster_list`` is the list it went to the council in.
    """

    window = models.ForeignKey(
        RegistrationWindow,
        verbose_name=_("registration window"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="registrations"
    )
    cluster = models.ForeignKey(
        Cluster,
        verbose_name=_("cluster"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
    )
    cluster_list = models.ForeignKey(
        "ClusterList",
        verbose_name=_("cluster list"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
    )

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["window", "unit__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["window", "unit"], name="registration_one_per_unit_and_window"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.window}"

    @property
    def year(self) -> int:
        return self.window.campaign.year


class RegistrationEntry(models.Model):
    """One line of a registration: a collective (the unit itself or a unit below it) or an
    individual, and the title or form sought (exactly one of the two).

    ``initiative_name`` is the initiative an individual plans to deliver, asked when the award's
    rule says so (e.g. Grassroots Fighter, a provincial Bằng khen); ``model_name`` the model a
    commune or ward pledges to build, asked for an emulation flag (son-tay-2020 §5.2;
    ``AwardRule.registration_asks``). ``review_note`` is the reviewer's comment on this line
    when the registration was returned.
    """

    class Kind(models.TextChoices):
        COLLECTIVE = "collective", _("Collective")
        INDIVIDUAL = "individual", _("Individual")

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="entries",
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    collective = models.ForeignKey(
        Unit,
        verbose_name=_("collective"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registration_entries",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("individual"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registration_entries",
    )
    title = models.ForeignKey(
        EmulationTitle,
        verbose_name=_("emulation title"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    form = models.ForeignKey(
        AwardForm,
        verbose_name=_("form of commendation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    initiative_name = models.CharField(_("planned initiative"), max_length=500, blank=True)
    model_name = models.CharField(_("model to build"), max_length=500, blank=True)
    review_note = models.TextField(_("reviewer's note"), blank=True)

    class Meta:
        verbose_name = _("registration line")
        verbose_name_plural = _("registration lines")
        ordering = ["registration", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(title__isnull=False, form__isnull=True)
                | Q(title__isnull=True, form__isnull=False),
                name="registration_entry_title_xor_form",
            ),
            models.CheckConstraint(
                condition=Q(kind="collective", collective__isnull=False, person__isnull=True)
                | Q(kind="individual", person__isnull=False, collective__isnull=True),
                name="registration_entry_recipient_matches_kind",
            ),
        ]
        indexes = [models.Index(fields=["title"]), models.Index(fields=["form"])]

    def __str__(self) -> str:
        return f"{self.recipient} – {self.award}"

    @property
    def award(self) -> EmulationTitle | AwardForm | None:
        return self.title or self.form

    @property
    def recipient(self) -> Unit | Person | None:
        return self.collective if self.kind == self.Kind.COLLECTIVE else self.person


class ClusterList(Submission):
    """The consolidated registration list a cluster leader sends to the council for a window.

    It holds the members' accepted registrations (``registrations``), collectives first, then
    individuals (son-tay-2020 §5.2), sent with the cluster documents of the clusters issue
    (``campaigns.ClusterDocument``). The secretariat accepts it or returns it with a reason.
    """

    window = models.ForeignKey(
        RegistrationWindow,
        verbose_name=_("registration window"),
        on_delete=models.PROTECT,
        related_name="cluster_lists",
    )
    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cluster"), on_delete=models.PROTECT, related_name="lists"
    )

    class Meta:
        verbose_name = _("cluster registration list")
        verbose_name_plural = _("cluster registration lists")
        ordering = ["window", "cluster__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["window", "cluster"], name="cluster_list_one_per_cluster_and_window"
            )
        ]

    def __str__(self) -> str:
        return f"{self.cluster} – {self.window}"


class ExportFile(models.Model):
    """A rendered export (Excel or PDF) of a cluster list or of a window's overview, written by
    a Celery task. ``requested_at`` later than ``rendered_at`` means it is being rendered."""

    class Subject(models.TextChoices):
        CLUSTER_LIST = "cluster_list", _("Cluster registration list")
        OVERVIEW = "overview", _("Registration overview")

    class Format(models.TextChoices):
        XLSX = "xlsx", "Excel"
        PDF = "pdf", "PDF"

    window = models.ForeignKey(RegistrationWindow, on_delete=models.CASCADE, related_name="exports")
    cluster_list = models.ForeignKey(
        ClusterList, on_delete=models.CASCADE, null=True, blank=True, related_name="exports"
    )
    subject = models.CharField(max_length=16, choices=Subject.choices)
    format = models.CharField(max_length=8, choices=Format.choices)
    file = models.FileField(upload_to="registrations/exports/", blank=True, max_length=255)
    requested_at = models.DateTimeField(null=True, blank=True)
    rendered_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("registration export")
        verbose_name_plural = _("registration exports")
        indexes = [models.Index(fields=["window", "subject", "format"])]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster_list", "subject", "format"],
                condition=Q(cluster_list__isnull=False),
                name="registration_export_one_per_list_and_format",
            ),
            models.UniqueConstraint(
                fields=["window", "subject", "format"],
                condition=Q(cluster_list__isnull=True),
                name="registration_export_one_per_window_and_format",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_subject_display()} – {self.window} ({self.get_format_display()})"
