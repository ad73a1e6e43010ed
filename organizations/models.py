"""Units, people, councils and memberships.

A ``Unit`` is any body that takes part in emulation and commendation work: a province, a commune or
ward, a historical district, a department, a school, a residential group. Units form a tree through
``parent``. A ``Membership`` gives a user a role in a unit; what the user may see follows from it
(organizations/selectors.py, organizations/rules.py).
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.models import SearchableName

# The two-tier local government reform: districts ceased to exist and the current communes,
# wards and special zones took effect on this day (Law on Organisation of Local Government 2025).
TWO_TIER_REFORM_DATE = datetime.date(2025, 7, 1)


class Unit(SearchableName):
    """A body in the tree of units.

    ``code`` is the official administrative code (2 digits for a province, 5 for a commune, ward or
    special zone) when the unit has one, blank otherwise. ``established_on`` is the first day the
    unit exists and ``dissolved_on`` the first day it no longer does; either may be unknown (null).
    Dissolved units stay in the tree for the history they carry (plans, awards).
    """

    class Kind(models.TextChoices):
        PROVINCE = "province", _("Province or centrally-run city")
        COMMUNE = "commune", _("Commune")
        WARD = "ward", pgettext_lazy("administrative unit", "Ward")
        SPECIAL_ZONE = "special_zone", _("Special zone")
        DISTRICT = "district", _("District or town (historical)")
        DEPARTMENT = "department", _("Department or office")
        AGENCY = "agency", _("Agency")
        SCHOOL = "school", _("School")
        ENTERPRISE = "enterprise", _("Enterprise")
        RESIDENTIAL_GROUP = "residential_group", _("Residential group or village")
        ASSOCIATION = "association", _("Association")

    ADMINISTRATIVE_KINDS = (
        Kind.PROVINCE,
        Kind.COMMUNE,
        Kind.WARD,
        Kind.SPECIAL_ZONE,
        Kind.DISTRICT,
    )

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    code = models.CharField(_("administrative code"), max_length=10, blank=True)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~Q(code=""), name="unit_code_unique_when_set"
            ),
            models.CheckConstraint(
                condition=Q(dissolved_on__isnull=True)
                | Q(established_on__isnull=True)
                | Q(dissolved_on__gt=models.F("established_on")),
                name="unit_dissolved_after_established",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_active_on(self, day: datetime.date) -> bool:
        """Whether the unit exists on ``day`` (unknown bounds count as open)."""
        started = self.established_on is None or self.established_on <= day
        return started and (self.dissolved_on is None or day < self.dissolved_on)

    @property
    def is_historical(self) -> bool:
        """True when the unit has been dissolved (e.g. a district after 01/07/2025)."""
        return self.dissolved_on is not None and self.dissolved_on <= timezone.localdate()


class Council(models.Model):
    """The Emulation and Commendation Council (Hội đồng Thi đua – Khen thưởng) of a unit.

    ``quorum_percent`` is the share of all members who must be present for a session that votes
    on awards (LAW.md §5; the 80 % default is Bắc Ninh's rule, marked "check" there).
    """

    unit = models.OneToOneField(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="council"
    )
    name = models.CharField(_("name"), max_length=255)
    quorum_percent = models.PositiveSmallIntegerField(
        _("quorum for award sessions (percent of members present)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "A council session that votes on awards needs at least this share of all members "
            "present (LAW.md §5: at least 2/3; 80 percent in provinces such as Bắc Ninh)."
        ),
    )

    class Meta:
        verbose_name = _("council")
        verbose_name_plural = _("councils")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Person(SearchableName):
    """An individual who may be nominated for a title or a form of commendation.

    No national identity number is stored: people are told apart by name, birth year and unit.
    """

    search_source = "full_name"

    class Gender(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")

    full_name = models.CharField(_("full name"), max_length=255)
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    position = models.CharField(_("position"), max_length=255, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="people"
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name", "pk"]
        indexes = [models.Index(fields=["unit", "full_name"])]

    def __str__(self) -> str:
        return self.full_name


class Membership(models.Model):
    """A user's role in a unit.

    An officer or a secretariat member sees the unit and every unit below it. The cluster-leader
    role is not stored here: it follows from a unit leading a cluster.
    """

    class Role(models.TextChoices):
        UNIT_OFFICER = "unit_officer", _("Unit officer")
        SECRETARIAT = "secretariat", _("Council secretariat")
        COUNCIL_MEMBER = "council_member", _("Council member")
        ADMIN = "admin", _("Administrator")

    # Roles that manage a unit's records (plans, award history), not only read them.
    MANAGING_ROLES = (Role.SECRETARIAT, Role.ADMIN)
    # Roles that follow a council's work: its managers and the council members.
    OVERSEEING_ROLES = (*MANAGING_ROLES, Role.COUNCIL_MEMBER)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["unit__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "role"], name="membership_unique_user_unit_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.unit}"
