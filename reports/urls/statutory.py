"""URLs of the statutory forms 0601–0605, under /reports/statutory/ (reports/statutory)."""

from django.urls import path

from reports.statutory import views

urlpatterns = [
    path("", views.statutory_page, name="statutory_page"),
]
