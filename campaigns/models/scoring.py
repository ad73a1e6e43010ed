"""Scoring of a cluster's members against its criteria, and the acclamation of the leading unit."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from campaigns.models.clusters import Cluster
from organizations.models import Unit


class ScoringCriterion(models.Model):
    """One line of a cluster's scoring scale (tiêu chí thang điểm) for its year.

    ``max_points`` caps what an assessor may give. ``bonus`` points add to the total, ``penalty``
    points are deductions (entered as positive numbers) and ``base`` points make up the scale.
    """

    class Kind(models.TextChoices):
        BASE = "base", _("Criterion")
        BONUS = "bonus", _("Bonus")
        PENALTY = "penalty", _("Penalty")

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("criterion"), max_length=500)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.BASE)
    max_points = models.DecimalField(
        _("maximum points"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )

    class Meta:
        verbose_name = _("scoring criterion")
        verbose_name_plural = _("scoring criteria")
        ordering = ["cluster", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "order"], name="criterion_order_unique")
        ]

    def __str__(self) -> str:
        return self.name


class ScoreSheet(models.Model):
    """The points one member unit gives one member unit: itself (self-assessment) or an
    assigned peer (cross-assessment). Unsubmitted sheets do not count."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="sheets")
    assessor = models.ForeignKey(
        Unit, verbose_name=_("assessor"), on_delete=models.PROTECT, related_name="+"
    )
    assessed = models.ForeignKey(
        Unit, verbose_name=_("assessed unit"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        ordering = ["cluster", "assessed__name", "assessor__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "assessor", "assessed"], name="score_sheet_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessor} → {self.assessed}"

    @property
    def is_self(self) -> bool:
        """A self-assessment: the unit scores itself."""
        return self.assessor_id == self.assessed_id


class Score(models.Model):
    """The points of one criterion on one sheet, with the evidence the assessor gives."""

    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(ScoringCriterion, on_delete=models.CASCADE, related_name="+")
    points = models.DecimalField(
        _("points"), max_digits=6, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )
    evidence = models.TextField(_("evidence"), blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="score_unique_per_sheet")
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.points}"


class ClusterResult(models.Model):
    """A member's final score and rank, frozen when the leader closes scoring.

    Equal totals share a rank (1, 1, 3 …): ties stay tied for the vote to decide.
    """

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="results")
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    self_total = models.DecimalField(
        _("self-assessment"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    cross_total = models.DecimalField(
        _("cross-assessment"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    total = models.DecimalField(_("final score"), max_digits=8, decimal_places=2)
    rank = models.PositiveSmallIntegerField(_("rank"))

    class Meta:
        verbose_name = _("cluster result")
        verbose_name_plural = _("cluster results")
        ordering = ["cluster", "rank", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "unit"], name="cluster_result_unique")
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.unit}: {self.total}"


class Acclamation(models.Model):
    """The members' vote on the cluster's leading unit at the annual review (bình xét, suy tôn).

    Recorded once by the cluster leader: who attended, one ballot per attending member, and the
    winner, who is proposed for the provincial emulation flag (Law on Emulation and
    Commendation 2022, Art. 26; LAW.md §5). Read-only once recorded.
    """

    cluster = models.OneToOneField(Cluster, on_delete=models.CASCADE, related_name="acclamation")
    held_on = models.DateField(_("held on"))
    present = models.ManyToManyField(Unit, verbose_name=_("members present"), related_name="+")
    winner = models.ForeignKey(
        Unit, verbose_name=_("leading unit"), on_delete=models.PROTECT, related_name="+"
    )
    minutes = models.TextField(_("minutes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("acclamation")
        verbose_name_plural = _("acclamations")

    def __str__(self) -> str:
        return f"{self.cluster}: {self.winner}"


class Ballot(models.Model):
    """One attending member's vote."""

    acclamation = models.ForeignKey(Acclamation, on_delete=models.CASCADE, related_name="ballots")
    voter = models.ForeignKey(
        Unit, verbose_name=_("voter"), on_delete=models.PROTECT, related_name="+"
    )
    choice = models.ForeignKey(
        Unit, verbose_name=_("vote for"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.UniqueConstraint(fields=["acclamation", "voter"], name="ballot_one_per_voter")
        ]

    def __str__(self) -> str:
        return f"{self.voter} → {self.choice}"
