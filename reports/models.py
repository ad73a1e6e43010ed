"""An export asked for by a user and rendered in the background (``ExportJob``)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.uploads import PrivateUploadTo


class ExportJob(models.Model):
    """One file asked for by ``requested_by``: the exporter ``kind`` (reports/registry.py) with
    its ``params`` (the list page's filters, the summary's year and scope…) in ``format``.

    Identified by a random UUID, so a job's address says nothing about other jobs. ``done`` of
    ``total`` rows (or pages) tell the progress bar how far the worker is; ``total`` is None
    until known. A ready file can be downloaded until ``expires_at`` (24 hours after it was
    finished); the purge task then deletes the file and the row.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("export state", "Waiting")
        RUNNING = "running", pgettext_lazy("export state", "Being prepared")
        READY = "ready", pgettext_lazy("export state", "Ready")
        FAILED = "failed", pgettext_lazy("export state", "Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=64)
    format = models.CharField(_("format"), max_length=8)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    title = models.CharField(_("title"), max_length=255)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="export_jobs",
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("available until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), null=True, blank=True)
    file = models.FileField(
        _("file"), upload_to=PrivateUploadTo("exports"), max_length=255, blank=True
    )
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-requested_at"]
        indexes = [
            models.Index(fields=["requested_by", "-requested_at"]),
            models.Index(fields=["expires_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.format})"
