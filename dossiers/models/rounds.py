"""Review rounds (đợt xét khen thưởng): when units send award dossiers to a council, for what.

A plan sets them: "Gửi hồ sơ đề nghị tặng danh hiệu chiến sỹ thi đua thành phố (đợt 1), gửi hồ
sơ trước ngày 19/3/2022" (phu-lam-2022 §C.1). A round names the titles and forms it accepts, the
council that receives the dossiers, its opening and closing day (read from the plan's deadline
when there is one, or counted in working days before a ceremony) and what happens to a dossier
that arrives late. No national rule refuses late dossiers: the strictness is the round's
setting (LAW.md §4).
"""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.models import AwardForm, EmulationTitle
from organizations.models import Council


def new_public_token() -> str:
    """An unguessable token for a round's public disclosure page (URL-safe, 22 characters)."""
    return secrets.token_urlsafe(16)


class Round(models.Model):
    """One review round of a council for a year.

    ``closes_on`` is the last day a dossier is on time (inclusive). When ``ceremony_on`` and
    ``working_days_before`` are set, ``closes_on`` is that many working days before the
    ceremony (dossiers/services/rounds.py computes it with the Vietnamese public holidays).
    ``plan_deadline`` is the plan's dated obligation the round was read from, when it was.
    ``requires_registration``: a unit must have registered for the year with the council
    (registrations app) before it may submit. The nominee list is public between
    ``disclosure_starts_on`` and ``disclosure_ends_on`` (Law Art. 84.5) at a URL holding
    ``public_token``, never the id.
    """

    class LatePolicy(models.TextChoices):
        REFUSE = "refuse", _("Refuse late dossiers")
        ACCEPT_FLAGGED = "accept_flagged", _("Accept late dossiers and flag them")

    council = models.ForeignKey(
        Council,
        verbose_name=_("receiving council"),
        on_delete=models.PROTECT,
        related_name="rounds",
    )
    name = models.CharField(_("name"), max_length=255)
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    titles = models.ManyToManyField(
        EmulationTitle, verbose_name=_("emulation titles"), blank=True, related_name="rounds"
    )
    forms = models.ManyToManyField(
        AwardForm, verbose_name=_("forms of commendation"), blank=True, related_name="rounds"
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    ceremony_on = models.DateField(_("ceremony on"), null=True, blank=True)
    working_days_before = models.PositiveSmallIntegerField(
        _("working days before the ceremony"), null=True, blank=True
    )
    plan_deadline = models.ForeignKey(
        "plans.Deadline",
        verbose_name=_("plan deadline"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rounds",
    )
    late_policy = models.CharField(
        _("late dossiers"), max_length=16, choices=LatePolicy.choices, default=LatePolicy.REFUSE
    )
    requires_registration = models.BooleanField(_("registration required"), default=False)
    disclosure_starts_on = models.DateField(_("public from"), null=True, blank=True)
    disclosure_ends_on = models.DateField(_("public until"), null=True, blank=True)
    public_token = models.CharField(
        _("public page key"), max_length=32, unique=True, default=new_public_token, editable=False
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
        verbose_name = _("review round")
        verbose_name_plural = _("review rounds")
        ordering = ["-year", "closes_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="round_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=Q(disclosure_starts_on__isnull=True)
                | Q(disclosure_ends_on__isnull=True)
                | Q(disclosure_ends_on__gte=models.F("disclosure_starts_on")),
                name="round_disclosure_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_open_on(self, day: datetime.date) -> bool:
        """Whether a dossier sent on ``day`` is on time."""
        return self.opens_on <= day <= self.closes_on

    def is_disclosed_on(self, day: datetime.date) -> bool:
        """Whether the public nominee list is shown on ``day``."""
        if self.disclosure_starts_on is None:
            return False
        ends = self.disclosure_ends_on or datetime.date.max
        return self.disclosure_starts_on <= day <= ends
