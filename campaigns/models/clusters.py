"""Clusters and blocs of a year and the documents their leader uploads."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.models import StoredDocument
from common.uploads import PrivateUploadTo
from organizations.models import Council, Unit


class Cluster(models.Model):
    """An emulation cluster or bloc (cụm, khối thi đua) of a council for one year.

    The same cluster in other years is the row with the same council, kind and number: that is
    how past leaders are found. The officers of ``leader``'s unit act as the cluster leader for
    this cluster only. Scoring is ``open`` until the leader closes it; after that the results
    (``ClusterResult``) and the acclamation are read-only. The acclamation rules are local
    (LAW.md §5): a quorum of ``quorum_percent`` of the members present, and a winner needs
    more than ``majority_percent`` of the ballots cast.
    """

    class Kind(models.TextChoices):
        CLUSTER = "cluster", _("Cluster")
        BLOC = "bloc", _("Bloc")

    class Scope(models.TextChoices):
        COLLECTIVES = "collectives", _("Collectives only")
        COLLECTIVES_AND_INDIVIDUALS = (
            "collectives_and_individuals",
            _("Collectives and individuals"),
        )

    class ScoringStatus(models.TextChoices):
        OPEN = "open", _("Scoring open")
        CLOSED = "closed", _("Scoring closed")

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.PROTECT, related_name="clusters"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.CLUSTER)
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=255)
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("plan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="clusters",
    )
    members = models.ManyToManyField(
        Unit, verbose_name=_("member units"), related_name="clusters", blank=True
    )
    leader = models.ForeignKey(
        Unit,
        verbose_name=_("leader unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="clusters_led",
    )
    deputy = models.ForeignKey(
        Unit,
        verbose_name=_("deputy unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="clusters_deputised",
    )
    in_charge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("council member in charge"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="clusters_in_charge",
    )
    scope = models.CharField(
        _("scope"), max_length=32, choices=Scope.choices, default=Scope.COLLECTIVES_AND_INDIVIDUALS
    )
    difference_threshold = models.DecimalField(
        _("flag differences above (points)"),
        max_digits=6,
        decimal_places=2,
        default=Decimal(5),
        validators=[MinValueValidator(Decimal(0))],
    )
    quorum_percent = models.PositiveSmallIntegerField(
        # xgettext:no-python-format
        _("quorum (% of members present)"),
        default=67,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    majority_percent = models.PositiveSmallIntegerField(
        # xgettext:no-python-format
        _("winner needs more than (% of ballots)"),
        default=50,
        validators=[MinValueValidator(0), MaxValueValidator(99)],
    )
    scoring_status = models.CharField(
        _("scoring"), max_length=16, choices=ScoringStatus.choices, default=ScoringStatus.OPEN
    )
    scoring_closed_at = models.DateTimeField(_("scoring closed at"), null=True, blank=True)
    elected_on = models.DateField(
        _("leader elected on"),
        null=True,
        blank=True,
        help_text=_("The annual review at which this year's leader and deputy were elected."),
    )

    class Meta:
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")
        ordering = ["-year", "council", "kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "year", "kind", "number"],
                name="cluster_number_unique_per_council_year",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def scoring_is_open(self) -> bool:
        """Scores can still be entered and changed."""
        return self.scoring_status == self.ScoringStatus.OPEN


class ClusterDocument(StoredDocument):
    """One version of a document the cluster leader uploads for the year (son-tay-2020 §5.2).

    Replacing a document adds a row: the newest row of a kind is the current version, the older
    ones stay as its history.
    """

    class Kind(models.TextChoices):
        CLUSTER_PLAN = "cluster_plan", _("Cluster emulation plan")
        REGULATION = "regulation", _("Decision issuing the cluster regulation")
        SCORING_CRITERIA = "scoring_criteria", _("Decision issuing the scoring criteria")
        PLEDGE = "pledge", _("Signed emulation pledge of all members")
        REGISTRATION_LIST = "registration_list", _("Consolidated registration list")

    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="documents", verbose_name=_("cluster")
    )
    kind = models.CharField(_("document"), max_length=32, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=PrivateUploadTo("clusters"), max_length=255)

    class Meta:
        verbose_name = _("cluster document")
        verbose_name_plural = _("cluster documents")
        ordering = ["cluster", "kind", "-uploaded_at", "-pk"]
