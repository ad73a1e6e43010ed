from django.urls import path

from registrations.views import clusters, exports, imports, overview, registrations, windows

app_name = "registrations"
urlpatterns = [
    # The unit officer's registrations and form.
    path("", registrations.registration_home, name="home"),
    path(
        "windows/<int:window_pk>/units/<int:unit_pk>/",
        registrations.registration_open,
        name="open",
    ),
    path("<int:pk>/", registrations.registration_detail, name="detail"),
    path("<int:pk>/edit/", registrations.registration_edit, name="edit"),
    path("<int:pk>/autosave/", registrations.registration_autosave, name="autosave"),
    path("<int:pk>/check/", registrations.registration_check_line, name="check_line"),
    path("<int:pk>/people/", registrations.registration_people, name="people"),
    path("<int:pk>/submit/", registrations.registration_submit, name="submit"),
    path("<int:pk>/review/", registrations.registration_review, name="review"),
    # Excel import of lines into one registration.
    path("<int:pk>/import/", imports.import_upload, name="import"),
    path("<int:pk>/import/template/", imports.import_template, name="import_template"),
    path("<int:pk>/import/<slug:token>/", imports.import_preview, name="import_preview"),
    # Windows (the secretariat opens them) and the overview.
    path("windows/", windows.window_list, name="window_list"),
    path("windows/open/<int:campaign_pk>/", windows.window_open, name="window_open"),
    path("windows/<int:pk>/", overview.overview_page, name="overview"),
    path("windows/<int:pk>/deadline/", windows.window_deadline, name="window_deadline"),
    path(
        "windows/<int:window_pk>/units/<int:unit_pk>/extension/",
        registrations.unit_extension,
        name="unit_extension",
    ),
    # The cluster leader's consolidated list.
    path(
        "windows/<int:window_pk>/clusters/<int:cluster_pk>/",
        clusters.cluster_list_page,
        name="cluster_list",
    ),
    path("lists/<int:pk>/consolidate/", clusters.cluster_list_consolidate, name="consolidate"),
    path("lists/<int:pk>/submit/", clusters.cluster_list_submit, name="list_submit"),
    path("lists/<int:pk>/review/", clusters.cluster_list_review, name="list_review"),
    path("lists/<int:pk>/extension/", clusters.cluster_list_extension, name="list_extension"),
    # Exports rendered by Celery: request, poll, download.
    path("windows/<int:pk>/export/<str:fmt>/", exports.overview_export, name="overview_export"),
    path("lists/<int:pk>/export/<str:fmt>/", exports.list_export, name="list_export"),
    path("exports/<int:pk>/", exports.export_status, name="export_status"),
    path("exports/<int:pk>/download/", exports.export_download, name="export_download"),
]
