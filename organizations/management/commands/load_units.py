"""``manage.py load_units``: load Vietnam's provinces and communes (idempotent)."""

from django.core.management.base import BaseCommand

from organizations.services import load_administrative_units


class Command(BaseCommand):
    help = "Load the 34 provinces and 3,321 communes, wards and special zones of Vietnam."

    def handle(self, *args, **options) -> None:
        result = load_administrative_units()
        self.stdout.write(
            f"Units: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged."
        )
