"""The default certificate templates (certificates/defaults.py): Giấy khen, Bằng khen of the
provincial chair and of the Prime Minister, and a default for any other award. Created once,
by name; a template whose form is missing from the catalog is skipped."""

from django.db import migrations

from certificates.defaults import DEFAULT_TEMPLATES
from certificates.positions import default_positions


def create_defaults(apps, schema_editor):
    CertificateTemplate = apps.get_model("certificates", "CertificateTemplate")
    AwardForm = apps.get_model("awards", "AwardForm")
    for row in DEFAULT_TEMPLATES:
        form = None
        if row["form"]:
            form = AwardForm.objects.filter(code=row["form"]).first()
            if form is None:
                continue
        values = {key: value for key, value in row.items() if key not in ("name", "form")}
        CertificateTemplate.objects.get_or_create(
            name=row["name"],
            defaults={**values, "form": form, "positions": default_positions()},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0001_initial"),
        ("awards", "0003_registration_asks"),
    ]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
