"""The sample plans (plans/samples) imported for the demo."""

from django.conf import settings

from plans.models import Plan
from plans.parsing import parse_plan_text, read_document
from plans.selectors import resolve_issuing_unit
from plans.services import plan_save


def load_sample_plans() -> list[Plan]:
    """Import every sample plan, replacing an earlier import of the same plan.

    Each plan's issuing unit is recognised from the document (the sample issuers exist as
    historical units). Raises ``LookupError`` naming the file whose unit cannot be recognised.
    """
    plans = []
    for path in sorted(settings.SAMPLE_PLANS_DIR.glob("*.txt")):
        text = read_document(path)
        data = parse_plan_text(text).to_json()
        unit = resolve_issuing_unit(
            issuer=data["issuer"], parent_issuer=data["parent_issuer"], year=data["year"]
        )
        if unit is None:
            raise LookupError(f"{path.name}: issuing unit not recognised")
        saved = plan_save(data=data, unit=unit, user=None, source_text=text, replace=True)
        plans.append(saved.plan)
    return plans
