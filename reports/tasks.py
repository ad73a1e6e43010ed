"""Background tasks of reports. Tasks are thin: plain arguments in, a service call out."""

from celery import shared_task

from reports.jobs.services import export_purge, export_run


@shared_task(name="reports.render_export", ignore_result=True)
def render_export_task(job_id: str) -> None:
    """Render the export job ``job_id`` (a UUID as text; ``reports.jobs.services.export_run``:
    failures are stored on the job, not raised; a job taken or deleted meanwhile is skipped)."""
    export_run(job_id=job_id)


@shared_task(name="reports.purge_exports", ignore_result=True)
def purge_exports_task() -> None:
    """Delete the expired export files and their jobs (hourly, config/settings/base.py)."""
    export_purge()
