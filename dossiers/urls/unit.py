"""URL patterns: see dossiers/urls/__init__.py. The unit officer's pages (dossiers/views/unit*)."""

from django.urls import path

from dossiers.views import unit, unit_edit

urlpatterns = [
    path("", unit.dossier_home, name="home"),
    path(
        "rounds/<int:round_pk>/units/<int:unit_pk>/start/",
        unit_edit.dossier_start_view,
        name="start",
    ),
    path("<int:pk>/", unit.dossier_detail, name="detail"),
    path("<int:pk>/edit/", unit_edit.dossier_edit, name="edit"),
    path(
        "<int:pk>/nominations/<int:nomination_pk>/",
        unit_edit.nomination_edit,
        name="nomination_edit",
    ),
    path(
        "<int:pk>/nominations/<int:nomination_pk>/delete/",
        unit_edit.nomination_delete,
        name="nomination_delete",
    ),
    path("<int:pk>/documents/", unit_edit.attachment_upload, name="attachment_upload"),
    path("documents/<int:attachment_pk>/", unit.attachment_download, name="attachment_download"),
    path("<int:pk>/act/<slug:action>/", unit_edit.dossier_act, name="act"),
    path("<int:pk>/versions/", unit.dossier_versions, name="versions"),
]
