"""Award dossiers (hồ sơ đề nghị khen thưởng), their nominations, attachments and versions.

A unit makes one ``Dossier`` in a ``Round``: ``Nomination`` rows (an individual, a collective or
a household, each for a title or a form) and the ``Attachment`` files its checklist asks for
(dossiers/checklist.py, from the catalog's ``AwardRule.dossier_components``, Law Art. 84).
Every submission freezes a ``DossierVersion`` so the secretariat sees what changed after a
return. ``status`` changes only through dossiers/services/workflow.py, which records each step
in ``common.StateChange``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.models import (
    AwardForm,
    AwardGrant,
    DossierComponent,
    EmulationTitle,
    Household,
    RecipientKind,
)
from common.models import StoredDocument
from common.uploads import PrivateUploadTo
from dossiers.models.rounds import Round
from organizations.models import Person, Unit


class Dossier(models.Model):
    """One unit's proposal in one round. ``version`` counts the submissions (0: never sent).

    ``assignee`` is the secretariat specialist appraising it. ``submitted_late`` is set when a
    round that accepts late dossiers received it after its closing day. ``return_reason`` is the
    latest return's overall comment; per-item comments are ``ReviewComment`` rows.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        IN_APPRAISAL = "in_appraisal", _("In appraisal")
        RETURNED = "returned", _("Returned for correction")
        APPRAISED = "appraised", _("Appraised")
        AT_COUNCIL = "at_council", _("At the council")
        DECIDED = "decided", _("Decided")
        DECISION_ISSUED = "decision_issued", _("Decision issued")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    EDITABLE = (Status.DRAFT, Status.RETURNED)

    round = models.ForeignKey(
        Round, verbose_name=_("review round"), on_delete=models.PROTECT, related_name="dossiers"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("proposing unit"), on_delete=models.PROTECT, related_name="dossiers"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    version = models.PositiveIntegerField(_("version"), default=0)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("appraised by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_dossiers",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_late = models.BooleanField(_("submitted late"), default=False)
    return_reason = models.TextField(_("reason for return"), blank=True)
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
        verbose_name = _("award dossier")
        verbose_name_plural = _("award dossiers")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="dossier_one_per_round_unit")
        ]
        indexes = [
            models.Index(fields=["round", "status"]),
            models.Index(fields=["status", "submitted_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.round}"

    @property
    def is_editable(self) -> bool:
        """A draft or a returned dossier can be changed and submitted."""
        return self.status in self.EDITABLE


class Nomination(models.Model):
    """One nominee proposed for one title or form in a dossier.

    ``findings`` holds the eligibility findings when the dossier was last changed: a list of
    ``{"code", "severity", "message", "citation"}`` (dossiers/services/dossiers.py).
    ``appraisal`` is the secretariat's verdict with ``appraisal_reason`` (required when not
    eligible); ``council_result`` the council's; ``grant`` the ``AwardGrant`` the decision
    created.
    """

    class Appraisal(models.TextChoices):
        PENDING = "", _("Not appraised")
        ELIGIBLE = "eligible", _("Eligible")
        INELIGIBLE = "ineligible", _("Not eligible")

    class CouncilResult(models.TextChoices):
        PENDING = "", _("Not voted")
        APPROVED = "approved", _("Approved")
        NOT_APPROVED = "not_approved", _("Not approved")

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="nominations"
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    person = models.ForeignKey(
        Person,
        verbose_name=_("individual"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
    )
    collective = models.ForeignKey(
        Unit,
        verbose_name=_("collective"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
    )
    household = models.ForeignKey(
        Household,
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
    )
    title = models.ForeignKey(
        EmulationTitle,
        verbose_name=_("emulation title"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
    )
    form = models.ForeignKey(
        AwardForm,
        verbose_name=_("form of commendation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
    )
    achievement = models.CharField(
        _("achievement"),
        max_length=16,
        choices=AwardGrant.Achievement.choices,
        default=AwardGrant.Achievement.MERIT,
    )
    summary = models.TextField(_("summary of achievements"), blank=True)
    findings = models.JSONField(_("eligibility findings"), default=list, blank=True)
    appraisal = models.CharField(
        _("appraisal"), max_length=16, choices=Appraisal.choices, blank=True, default=""
    )
    appraisal_reason = models.TextField(_("appraisal reason"), blank=True)
    council_result = models.CharField(
        _("council result"), max_length=16, choices=CouncilResult.choices, blank=True, default=""
    )
    grant = models.OneToOneField(
        AwardGrant,
        verbose_name=_("award grant"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="nomination",
    )

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["dossier", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, collective__isnull=True, household__isnull=True)
                | Q(person__isnull=True, collective__isnull=False, household__isnull=True)
                | Q(person__isnull=True, collective__isnull=True, household__isnull=False),
                name="nomination_one_nominee",
            ),
            models.CheckConstraint(
                condition=Q(title__isnull=False, form__isnull=True)
                | Q(title__isnull=True, form__isnull=False),
                name="nomination_title_xor_form",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nominee} – {self.award}"

    @property
    def nominee(self) -> Person | Unit | Household:
        """The person, collective or household proposed."""
        return self.person or self.collective or self.household

    @property
    def recipient_kind(self) -> str:
        """``RecipientKind`` value of the nominee."""
        if self.person_id:
            return RecipientKind.INDIVIDUAL
        if self.collective_id:
            return RecipientKind.COLLECTIVE
        return RecipientKind.HOUSEHOLD

    @property
    def award(self) -> EmulationTitle | AwardForm:
        """The title or form proposed."""
        return self.title or self.form


class Attachment(StoredDocument):
    """One version of a document of a dossier: a dossier-wide one (``nomination`` empty, e.g.
    the proposal letter or the meeting minutes) or one nominee's (achievement report, initiative
    proof). Uploading again adds a row; the newest row of a (component, nomination) is current.
    """

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="attachments"
    )
    nomination = models.ForeignKey(
        Nomination,
        verbose_name=_("nomination"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
    )
    component = models.CharField(_("document"), max_length=32, choices=DossierComponent.choices)
    file = models.FileField(_("file"), upload_to=PrivateUploadTo("dossiers"), max_length=255)

    class Meta:
        verbose_name = _("dossier attachment")
        verbose_name_plural = _("dossier attachments")
        ordering = ["dossier", "component", "nomination", "-uploaded_at", "-pk"]
        indexes = [models.Index(fields=["dossier", "component", "nomination"])]


class DossierVersion(models.Model):
    """What a dossier held when it was submitted for the ``number``-th time.

    ``snapshot`` is ``{"nominations": [...], "attachments": [...]}`` as written by
    dossiers/versions.py; comparing two versions shows the unit's corrections.
    """

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(_("content"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("dossier version")
        verbose_name_plural = _("dossier versions")
        ordering = ["dossier", "number"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "number"], name="dossier_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.dossier} v{self.number}"


class ReviewComment(models.Model):
    """The secretariat's comment on one item of a returned dossier (version ``version``): a
    nomination, a document of the checklist (``component``, with ``nomination`` for a nominee's
    document), or the dossier as a whole (both empty)."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="comments"
    )
    version = models.PositiveIntegerField(_("version"))
    nomination = models.ForeignKey(
        Nomination,
        verbose_name=_("nomination"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
    )
    component = models.CharField(
        _("document"), max_length=32, choices=DossierComponent.choices, blank=True
    )
    text = models.TextField(_("comment"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = ["dossier", "version", "pk"]

    def __str__(self) -> str:
        return self.text[:80]
