"""URLs of the reports app: export jobs, the annual summary, the statutory forms."""

from django.urls import include, path

app_name = "reports"

urlpatterns = [
    path("exports/", include("reports.urls.jobs")),
    path("summary/", include("reports.urls.summary")),
    path("statutory/", include("reports.urls.statutory")),
]
