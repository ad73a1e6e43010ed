"""The council session that votes on a round's appraised nominations.

Ballots are secret (bỏ phiếu kín): a ``Vote`` keeps the counts for one nomination, not who
voted how. Members absent from the session may vote in writing; their votes count like the
others. Approval is counted against ALL members of the council (LAW.md §1, §5): the share of
"yes" among all members must reach the rule's ``approval_threshold``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dossiers.models.dossiers import Nomination
from dossiers.models.rounds import Round


class CouncilSession(models.Model):
    """A meeting of the round's council. ``closed_at`` is set when the results are recorded;
    a closed session no longer changes."""

    round = models.ForeignKey(
        Round, verbose_name=_("review round"), on_delete=models.PROTECT, related_name="sessions"
    )
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    chair_name = models.CharField(_("chaired by"), max_length=255, blank=True)
    secretary_name = models.CharField(_("minutes taken by"), max_length=255, blank=True)
    closed_at = models.DateTimeField(_("results recorded at"), null=True, blank=True)
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
        verbose_name = _("council session")
        verbose_name_plural = _("council sessions")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.round} – {self.held_on:%d/%m/%Y}"


class SessionMember(models.Model):
    """A member of the council at the session, present or absent. The members listed are all
    the council's members: thresholds and the quorum are counted against them."""

    session = models.ForeignKey(
        CouncilSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="members"
    )
    full_name = models.CharField(_("full name"), max_length=255)
    position = models.CharField(_("position"), max_length=255, blank=True)
    present = models.BooleanField(_("present"), default=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("session member")
        verbose_name_plural = _("session members")
        ordering = ["session", "order", "pk"]

    def __str__(self) -> str:
        return self.full_name


class Vote(models.Model):
    """The ballot result for one nomination: counts of the members present and of the absent
    members' written votes."""

    session = models.ForeignKey(
        CouncilSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="votes"
    )
    nomination = models.OneToOneField(
        Nomination, verbose_name=_("nomination"), on_delete=models.CASCADE, related_name="vote"
    )
    yes = models.PositiveSmallIntegerField(_("yes"), default=0)
    no = models.PositiveSmallIntegerField(_("no"), default=0)
    abstain = models.PositiveSmallIntegerField(_("abstain"), default=0)
    written_yes = models.PositiveSmallIntegerField(_("written yes"), default=0)
    written_no = models.PositiveSmallIntegerField(_("written no"), default=0)
    written_abstain = models.PositiveSmallIntegerField(_("written abstain"), default=0)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["session", "nomination"]

    def __str__(self) -> str:
        return f"{self.nomination}: {self.total_yes}"

    @property
    def total_yes(self) -> int:
        """Yes votes of the members present and in writing."""
        return self.yes + self.written_yes
