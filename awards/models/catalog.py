"""The award catalog: what can be conferred, and the rules in force for it at a given time.

Titles (``EmulationTitle``) and forms of commendation (``AwardForm``) are stable entries named by
a code. What the law says about them — who confers them, the bonus, the criteria, the council
threshold, the dossier — lives in an ``AwardRule`` of a ``RuleSet``. A rule set is in force from
its ``effective_from`` date, nationally or, with ``province`` set, as one province's override.
A check for a year uses the rules in force on 31/12 of that year (awards/selectors.py).
All of it is data: admins edit it without a deploy (shared LAW.md, "Design consequence").
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organizations.models import Unit


class RecipientKind(models.TextChoices):
    """Who can receive a title or form (Law Art. 19–28, 71–75)."""

    INDIVIDUAL = "individual", _("Individual")
    COLLECTIVE = "collective", _("Collective")
    HOUSEHOLD = "household", _("Household")


class ConferringLevel(models.TextChoices):
    """The level of the authority that confers (D129 Art. 59 for communes since 01/07/2025)."""

    COMMUNE = "commune", _("Commune or ward")
    DISTRICT = "district", _("District (before 01/07/2025)")
    DEPARTMENT = "department", _("Department or agency head")
    PROVINCE = "province", _("Province")
    CENTRAL = "central", _("Central (Prime Minister, President)")


class DossierComponent(models.TextChoices):
    """Documents an award dossier may need (Law Art. 84; D152 appendix forms)."""

    PROPOSAL_LETTER = "proposal_letter", _("Proposal letter")
    ACHIEVEMENT_REPORT = "achievement_report", _("Achievement report")
    MEETING_MINUTES = "meeting_minutes", _("Council meeting minutes with ballot result")
    INITIATIVE_PROOF = "initiative_proof", _("Proof of the recognised initiative")
    SUDDEN_ACHIEVEMENT_PROOF = "sudden_achievement_proof", _("Proof of the sudden achievement")


class RuleSet(models.Model):
    """A body of rules in force from ``effective_from``: national (``province`` empty) or one
    province's overrides. Later national sets replace earlier ones award by award."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=255)
    effective_from = models.DateField(_("in force from"))
    province = models.ForeignKey(
        Unit,
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"kind": Unit.Kind.PROVINCE},
        related_name="rule_sets",
    )
    citation = models.CharField(_("legal source"), max_length=500)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("rule set")
        verbose_name_plural = _("rule sets")
        ordering = ["effective_from", "code"]

    def __str__(self) -> str:
        return self.name


class RegistrationAsks(models.TextChoices):
    """What a registration line seeking the award must also name (son-tay-2020 §5.2): the
    initiative an individual plans to deliver, or the model a collective pledges to build."""

    NOTHING = "", _("Nothing more")
    INITIATIVE = "initiative", _("The planned initiative (individuals)")
    MODEL = "model", _("The model to build (collectives)")


class CatalogEntry(models.Model):
    """Fields shared by titles and forms of commendation."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name_vi = models.CharField(_("Vietnamese name"), max_length=255)
    name_en = models.CharField(_("English name"), max_length=255)
    recipient_kinds = models.JSONField(
        _("recipient kinds"), default=list, help_text=_("individual, collective, household")
    )
    citation = models.CharField(_("legal source"), max_length=500)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    registration_asks = models.CharField(
        _("a registration must name"),
        max_length=16,
        choices=RegistrationAsks.choices,
        blank=True,
        default=RegistrationAsks.NOTHING,
    )

    class Meta:
        abstract = True
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name_vi


class EmulationTitle(CatalogEntry):
    """An emulation title (danh hiệu thi đua), e.g. ``advanced_worker`` (Law Art. 19–28)."""

    class Meta(CatalogEntry.Meta):
        verbose_name = _("emulation title")
        verbose_name_plural = _("emulation titles")


class AwardForm(CatalogEntry):
    """A form of commendation (hình thức khen thưởng), e.g. a provincial Bằng khen (Law Art. 9)."""

    class Kind(models.TextChoices):
        ORDER = "order", _("Order")
        MEDAL = "medal", _("Medal")
        STATE_HONORARY_TITLE = "state_honorary_title", _("State honorary title")
        PRIZE = "prize", _("Prize")
        COMMEMORATIVE_MEDAL = "commemorative_medal", _("Commemorative medal")
        CERTIFICATE_OF_COMMENDATION = (
            "certificate_of_commendation",
            _("Certificate of Commendation"),
        )
        CERTIFICATE_OF_MERIT = "certificate_of_merit", _("Certificate of Merit")

    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)

    class Meta(CatalogEntry.Meta):
        verbose_name = _("form of commendation")
        verbose_name_plural = _("forms of commendation")


class AwardRule(models.Model):
    """What one rule set says about one title or form.

    ``criteria`` holds the parameters the eligibility engine reads (awards/eligibility), e.g.
    ``{"consecutive_years": {"of": "emulation_fighter_grassroots", "years": 3}}``; its keys are
    documented there. ``approval_threshold`` is the share of ALL council members that must
    approve, in percent (LAW.md §1, §5). ``bonus_multiple`` multiplies the base salary (D152
    Art. 50). ``dossier_components`` lists ``DossierComponent`` values.
    """

    rule_set = models.ForeignKey(
        RuleSet, verbose_name=_("rule set"), on_delete=models.CASCADE, related_name="rules"
    )
    title = models.ForeignKey(
        EmulationTitle,
        verbose_name=_("emulation title"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="rules",
    )
    form = models.ForeignKey(
        AwardForm,
        verbose_name=_("form of commendation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="rules",
    )
    conferring_level = models.CharField(
        _("conferring level"), max_length=16, choices=ConferringLevel.choices
    )
    authority = models.CharField(_("conferring authority"), max_length=255)
    bonus_multiple = models.DecimalField(
        _("bonus (× base salary)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    needs_initiative = models.BooleanField(_("needs an initiative"), default=False)
    approval_threshold = models.PositiveSmallIntegerField(
        _("council approval threshold (%)"), null=True, blank=True
    )
    dossier_components = models.JSONField(_("dossier components"), default=list, blank=True)
    criteria = models.JSONField(_("criteria parameters"), default=dict, blank=True)
    criteria_text = models.TextField(_("criteria"), blank=True)
    citation = models.CharField(_("legal source"), max_length=500)

    class Meta:
        verbose_name = _("award rule")
        verbose_name_plural = _("award rules")
        ordering = ["rule_set", "title", "form"]
        constraints = [
            models.CheckConstraint(
                condition=Q(title__isnull=False, form__isnull=True)
                | Q(title__isnull=True, form__isnull=False),
                name="award_rule_title_xor_form",
            ),
            models.UniqueConstraint(
                fields=["rule_set", "title"],
                condition=Q(title__isnull=False),
                name="award_rule_one_per_title_and_set",
            ),
            models.UniqueConstraint(
                fields=["rule_set", "form"],
                condition=Q(form__isnull=False),
                name="award_rule_one_per_form_and_set",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule_set.code}: {self.award}"

    @property
    def award(self) -> EmulationTitle | AwardForm:
        """The title or form this rule is about."""
        return self.title or self.form
