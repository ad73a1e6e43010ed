"""Abstract model pieces shared by several apps."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.text import search_key


class SearchableName(models.Model):
    """Adds ``search_name``: the accent-folded copy of the field named by ``search_source``.

    Lets a user type "phu lam" and find "Phú Lãm" on SQLite and PostgreSQL alike. Bulk writes
    that bypass ``save()`` must set ``search_name`` themselves with ``common.text.search_key``.
    """

    search_source = "name"
    search_name = models.CharField(max_length=255, editable=False, db_index=True, default="")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        """Save, keeping ``search_name`` in step with its source field."""
        self.search_name = search_key(getattr(self, self.search_source))
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_name"}
        super().save(*args, **kwargs)


class StateChange(models.Model):
    """One recorded change of state of any object: who, when, from what, to what, why.

    Written by ``common.services.state_change_record`` from every workflow's transition
    function (a plan issued, a registration submitted, a dossier returned …). Never edited.
    """

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(_("field"), max_length=64, default="status")
    from_state = models.CharField(_("from"), max_length=64, blank=True)
    to_state = models.CharField(_("to"), max_length=64)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("state change")
        verbose_name_plural = _("state changes")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]

    def __str__(self) -> str:
        return f"{self.from_state or '∅'} → {self.to_state}"
