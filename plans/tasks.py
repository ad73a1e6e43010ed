"""Background tasks of plans. Tasks are thin: plain arguments in, a service call out."""

from celery import shared_task

from plans.models import Plan
from plans.services import plan_pdf_store


@shared_task(name="plans.render_plan_pdf")
def render_plan_pdf_task(plan_id: int) -> None:
    """Render and store the PDF of plan ``plan_id`` (a plan deleted meanwhile is skipped)."""
    plan = Plan.objects.filter(pk=plan_id).first()
    if plan is not None:
        plan_pdf_store(plan=plan)
