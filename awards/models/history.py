"""Award history: decisions and their grants, annual ratings, discipline, initiatives.

The eligibility engine (awards/eligibility) reads these to answer "may this nominee be proposed
for this award this year". Revoked grants are never deleted: they stay, marked (Law Art. 93).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.models.catalog import AwardForm, EmulationTitle
from common.models import SearchableName
from organizations.models import Person, Unit


class Household(SearchableName):
    """A household (hộ gia đình) that can be awarded, named by its head, in a residential unit."""

    search_source = "name"

    name = models.CharField(_("head of household"), max_length=255)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="households"
    )

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class AwardDecision(models.Model):
    """A decision conferring awards (Quyết định khen thưởng); its lines are ``AwardGrant`` rows."""

    number = models.CharField(_("decision number"), max_length=64)
    date = models.DateField(_("decision date"))
    authority = models.CharField(_("conferring authority"), max_length=255)
    signer_name = models.CharField(_("signer"), max_length=255, blank=True)
    issuing_unit = models.ForeignKey(
        Unit,
        verbose_name=_("issuing unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_decisions",
    )
    scan = models.FileField(_("scanned decision (PDF)"), upload_to="awards/decisions/", blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("award decision")
        verbose_name_plural = _("award decisions")
        ordering = ["-date", "number"]

    def __str__(self) -> str:
        return f"{self.number} ({self.date:%d/%m/%Y})"


class AwardGrant(models.Model):
    """One award to one recipient in a decision: a person, a collective (unit) or a household,
    for a title or a form, for a year.

    ``achievement`` tells merit-based awards from sudden or thematic ones, which cannot be
    counted toward merit-based proposals (D152 Art. 4).
    """

    class Achievement(models.TextChoices):
        MERIT = "merit", _("Merit (year or period)")
        SUDDEN = "sudden", _("Sudden achievement")
        THEMATIC = "thematic", _("Thematic campaign")
        CONTRIBUTION = "contribution", _("Contribution")

    decision = models.ForeignKey(
        AwardDecision,
        verbose_name=_("decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grants",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("individual"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grants",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("collective"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grants",
    )
    household = models.ForeignKey(
        Household,
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grants",
    )
    title = models.ForeignKey(
        EmulationTitle,
        verbose_name=_("emulation title"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grants",
    )
    form = models.ForeignKey(
        AwardForm,
        verbose_name=_("form of commendation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grants",
    )
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    achievement = models.CharField(
        _("achievement"), max_length=16, choices=Achievement.choices, default=Achievement.MERIT
    )
    revoked = models.BooleanField(_("revoked"), default=False)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason for revocation"), blank=True)

    class Meta:
        verbose_name = _("award grant")
        verbose_name_plural = _("award grants")
        ordering = ["-year", "pk"]
        indexes = [
            models.Index(fields=["person", "year"]),
            models.Index(fields=["unit", "year"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, unit__isnull=True, household__isnull=True)
                | Q(person__isnull=True, unit__isnull=False, household__isnull=True)
                | Q(person__isnull=True, unit__isnull=True, household__isnull=False),
                name="award_grant_one_recipient",
            ),
            models.CheckConstraint(
                condition=Q(title__isnull=False, form__isnull=True)
                | Q(title__isnull=True, form__isnull=False),
                name="award_grant_title_xor_form",
            ),
            models.CheckConstraint(
                condition=Q(revoked=False) | Q(revoked_on__isnull=False),
                name="award_grant_revocation_dated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient} – {self.award} ({self.year})"

    @property
    def recipient(self) -> Person | Unit | Household:
        """The person, collective or household awarded."""
        return self.person or self.unit or self.household

    @property
    def award(self) -> EmulationTitle | AwardForm:
        """The title or form conferred."""
        return self.title or self.form


class AnnualRating(models.Model):
    """The year's rating of a person's or a collective's work (đánh giá, xếp loại)."""

    class Rating(models.TextChoices):
        EXCELLENT = "excellent", _("Excellently completed tasks")
        GOOD = "good", _("Well completed tasks")
        COMPLETED = "completed", _("Completed tasks")
        NOT_COMPLETED = "not_completed", _("Did not complete tasks")

    person = models.ForeignKey(
        Person,
        verbose_name=_("individual"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="ratings",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("collective"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="ratings",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    rating = models.CharField(_("rating"), max_length=16, choices=Rating.choices)

    class Meta:
        verbose_name = _("annual rating")
        verbose_name_plural = _("annual ratings")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, unit__isnull=True)
                | Q(person__isnull=True, unit__isnull=False),
                name="annual_rating_one_subject",
            ),
            models.UniqueConstraint(
                fields=["person", "year"],
                condition=Q(person__isnull=False),
                name="annual_rating_one_per_person_year",
            ),
            models.UniqueConstraint(
                fields=["unit", "year"],
                condition=Q(unit__isnull=False),
                name="annual_rating_one_per_unit_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person or self.unit} {self.year}: {self.get_rating_display()}"


class DisciplinaryRecord(models.Model):
    """Something that holds a proposal (D152 Art. 4): a disciplinary measure for its period, or
    an investigation or complaint while it is pending (``ends_on`` empty)."""

    class Kind(models.TextChoices):
        DISCIPLINE = "discipline", _("Disciplinary measure")
        INVESTIGATION = "investigation", _("Under investigation")
        COMPLAINT = "complaint", _("Pending complaint")

    class Level(models.TextChoices):
        REPRIMAND = "reprimand", _("Reprimand (khiển trách)")
        WARNING = "warning", _("Warning (cảnh cáo)")
        DEMOTION = "demotion", _("Demotion (hạ bậc lương, giáng chức)")
        DISMISSAL = "dismissal", _("Dismissal (cách chức, bãi nhiệm)")
        FORCED_RESIGNATION = "forced_resignation", _("Forced resignation (buộc thôi việc)")

    person = models.ForeignKey(
        Person, verbose_name=_("individual"), on_delete=models.CASCADE, related_name="holds"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    level = models.CharField(_("level"), max_length=24, choices=Level.choices, blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("disciplinary record")
        verbose_name_plural = _("disciplinary records")
        ordering = ["-starts_on"]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_kind_display()} {self.starts_on:%d/%m/%Y}"


class Initiative(models.Model):
    """An initiative (sáng kiến) recognised at a level; it supports one award only
    (``used_for``, LAW.md §3)."""

    class Level(models.TextChoices):
        GRASSROOTS = "grassroots", _("Grassroots")
        PROVINCIAL = "provincial", _("Provincial")
        NATIONAL = "national", _("National")

    title = models.CharField(_("title"), max_length=500)
    authors = models.ManyToManyField(Person, verbose_name=_("authors"), related_name="initiatives")
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="initiatives"
    )
    level = models.CharField(_("recognised at"), max_length=16, choices=Level.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    recognising_decision = models.CharField(_("recognising decision"), max_length=255, blank=True)
    used_for = models.ForeignKey(
        AwardGrant,
        verbose_name=_("used for"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiatives",
    )

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-year", "title"]

    def __str__(self) -> str:
        return self.title
