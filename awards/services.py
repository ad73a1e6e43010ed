"""Writes of the award catalog and history."""

from dataclasses import dataclass

from django.apps import apps as django_apps
from django.apps.registry import Apps
from django.db import transaction


@dataclass(frozen=True)
class CatalogLoadResult:
    """How many catalog rows ``catalog_load`` created and how many it changed."""

    created: int
    updated: int


def catalog_load(*, apps: Apps = django_apps) -> CatalogLoadResult:
    """Write the national catalog of ``awards.catalog_data`` (LAW.md §1–2): titles, forms, rule
    sets and their rules, matched by code (rules by rule set and award).

    Idempotent: a second call creates and changes nothing. Rows the data does not name (a
    province's own rule sets, rules an admin added) are left alone; a national row an admin
    edited is set back to the data. ``apps`` is the app registry whose models are written: the
    data migration passes its historical one, so this function imports no model itself.
    """
    from awards import catalog_data  # the data module is large; loaded only when needed

    rule_set_model = apps.get_model("awards", "RuleSet")
    counter = _Counter()
    with transaction.atomic():
        awards = _load_entries(apps, counter, catalog_data.TITLES, catalog_data.FORMS)
        for data in catalog_data.RULE_SETS:
            values = {key: value for key, value in data.items() if key != "code"}
            lookup = {"code": data["code"]}
            rule_set = counter.write(rule_set_model, lookup, province=None, **values)
            _load_rules(apps, counter, rule_set, catalog_data.RULES[data["code"]], awards)
    return CatalogLoadResult(created=counter.created, updated=counter.updated)


def _load_entries(apps: Apps, counter: "_Counter", titles: list, forms: list) -> dict:
    """Titles and forms by code: ``(code, name_vi, name_en, kinds, citation[, kind])`` rows."""
    from awards import catalog_data

    awards = {}
    for model_name, rows in (("EmulationTitle", titles), ("AwardForm", forms)):
        model = apps.get_model("awards", model_name)
        asks_field = any(f.name == "registration_asks" for f in model._meta.fields)
        for order, (code, name_vi, name_en, kinds, citation, *kind) in enumerate(rows):
            values = {
                "name_vi": name_vi,
                "name_en": name_en,
                "recipient_kinds": kinds,
                "citation": citation,
                "order": order,
                **({"kind": kind[0]} if kind else {}),
            }
            if asks_field:  # absent from the models of migrations before awards 0003
                values["registration_asks"] = catalog_data.REGISTRATION_ASKS.get(code, "")
            awards[code] = counter.write(model, {"code": code}, **values)
    return awards


def _load_rules(apps: Apps, counter: "_Counter", rule_set, rules: list[dict], awards: dict):
    title_model = apps.get_model("awards", "EmulationTitle")
    rule_model = apps.get_model("awards", "AwardRule")
    for rule in rules:
        award = awards[rule["award"]]
        own, other = ("title", "form") if isinstance(award, title_model) else ("form", "title")
        counter.write(
            rule_model,
            {"rule_set": rule_set, own: award},
            **{other: None},
            conferring_level=rule["level"],
            authority=rule["authority"],
            bonus_multiple=rule["bonus"],
            needs_initiative=rule["needs_initiative"],
            approval_threshold=rule["threshold"],
            dossier_components=rule["dossier"],
            criteria=rule["criteria"],
            criteria_text=rule["text"],
            citation=rule["citation"],
        )


class _Counter:
    """Creates or updates one row, counting only real changes (so a reload counts zero)."""

    def __init__(self) -> None:
        self.created = 0
        self.updated = 0

    def write(self, model, lookup: dict, **values):
        row = model.objects.filter(**lookup).first()
        if row is None:
            self.created += 1
            return model.objects.create(**lookup, **values)
        changed = [name for name, value in values.items() if _differs(row, name, value)]
        if changed:
            for name in changed:
                setattr(row, name, values[name])
            row.save(update_fields=changed)
            self.updated += 1
        return row


def _differs(row, name: str, value) -> bool:
    field = row._meta.get_field(name)
    current = getattr(row, field.attname)
    wanted = value.pk if field.is_relation and value is not None else value
    return current != wanted
