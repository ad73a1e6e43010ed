"""Campaigns and their documents."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.models import StoredDocument
from common.uploads import PrivateUploadTo
from organizations.models import Council, Unit


class Campaign(models.Model):
    """An emulation campaign (phong trào thi đua) launched by a council.

    ``criteria`` is a list of ``{"name": str, "weight": int}`` with weights in percent that sum
    to 100 when given. A thematic campaign asked for by a unit (``requested_by``) is
    ``proposed`` until the council accepts it; it needs its launch plan with criteria and its
    participants first (son-tay-2020 §6.2; Law on Emulation and Commendation 2022, Art. 16–17).
    """

    class Kind(models.TextChoices):
        REGULAR = "regular", _("Regular")
        PERIODIC = "periodic", _("Periodic")
        THEMATIC = "thematic", _("Thematic")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PROPOSED = "proposed", _("Proposed by a unit")
        LAUNCHED = "launched", _("Launched")
        ENDED = "ended", _("Ended")

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.PROTECT, related_name="campaigns"
    )
    name = models.CharField(_("name"), max_length=500)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("plan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="campaigns",
    )
    lead_unit = models.ForeignKey(
        Unit,
        verbose_name=_("lead unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="campaigns_led",
        help_text=_("The standing body that steers the campaign and reviews it."),
    )
    requested_by = models.ForeignKey(
        Unit,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="campaigns_requested",
    )
    participants = models.ManyToManyField(
        Unit, verbose_name=_("participating units"), related_name="campaigns", blank=True
    )
    criteria = models.JSONField(_("criteria"), default=list, blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    mid_year_review_on = models.DateField(_("mid-year review"), null=True, blank=True)
    annual_review_on = models.DateField(_("annual review"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    launched_at = models.DateTimeField(_("launched at"), null=True, blank=True)
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
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-year", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "year", "name"], name="campaign_name_unique_per_council_year"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="campaign_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_editable(self) -> bool:
        """Draft and proposed campaigns can still be changed; launched ones only get documents."""
        return self.status in (self.Status.DRAFT, self.Status.PROPOSED)


class CampaignDocument(StoredDocument):
    """A document of a campaign: its launch plan, a review report or another paper."""

    class Kind(models.TextChoices):
        LAUNCH_PLAN = "launch_plan", _("Launch plan")
        MID_YEAR_REPORT = "mid_year_report", _("Mid-year review report")
        ANNUAL_REPORT = "annual_report", _("Annual review report")
        OTHER = "other", _("Other document")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="documents", verbose_name=_("campaign")
    )
    kind = models.CharField(_("document"), max_length=32, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=PrivateUploadTo("campaigns"), max_length=255)

    class Meta:
        verbose_name = _("campaign document")
        verbose_name_plural = _("campaign documents")
        ordering = ["campaign", "kind", "-uploaded_at", "-pk"]
