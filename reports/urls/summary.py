"""URLs: the annual summary."""

from django.urls import path

from reports.summary import views

urlpatterns = [
    path("", views.summary_page, name="summary_page"),
]
