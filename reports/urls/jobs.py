"""URLs of export jobs, under /reports/exports/ (reports/jobs/views.py)."""

from django.urls import path

from reports.jobs import views

urlpatterns = [
    path("", views.job_list, name="job_list"),
    path("new/<slug:kind>/<slug:fmt>/", views.job_new, name="job_new"),
    path("<uuid:pk>/", views.job_detail, name="job_detail"),
    path("<uuid:pk>/status/", views.job_status, name="job_status"),
    path("<uuid:pk>/download/", views.job_download, name="job_download"),
]
