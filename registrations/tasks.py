"""Background tasks of registrations. Tasks are thin: plain arguments in, a service call out."""

from celery import shared_task

from registrations.exports import export_store
from registrations.models import ExportFile


@shared_task(name="registrations.render_export")
def render_export_task(export_id: int) -> None:
    """Render and store the export ``export_id`` (``registrations.exports.export_store``: a
    failure is stored on the export as a Vietnamese message, not raised); an export deleted
    meanwhile is skipped."""
    export = (
        ExportFile.objects.filter(pk=export_id)
        .select_related("window__campaign", "cluster_list__cluster")
        .first()
    )
    if export is not None:
        export_store(export=export)
