"""Abstract model pieces shared by several apps."""

from django.db import models

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
