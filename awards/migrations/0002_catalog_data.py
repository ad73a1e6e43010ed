"""Load the national award catalog (shared LAW.md §1–2): titles, forms, the rule sets law_2003,
law_2022 and d152_2025 with their rules. Idempotent (matched by code); reversing leaves the
rows in place."""

from django.db import migrations


def load_catalog(apps, schema_editor):
    from awards.services import catalog_load

    catalog_load(apps=apps)


class Migration(migrations.Migration):

    dependencies = [
        ("awards", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load_catalog, migrations.RunPython.noop),
    ]
