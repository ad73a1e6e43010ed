from django.urls import path

from awards.views import grants, imports, lookup

app_name = "awards"
urlpatterns = [
    path("grants/", grants.grant_list, name="grant_list"),
    path("import/", imports.import_upload, name="import"),
    path("import/template/", imports.import_template, name="import_template"),
    path("import/<slug:token>/", imports.import_preview, name="import_preview"),
    path("import/<slug:token>/done/", imports.import_done, name="import_done"),
    path("lookup/", lookup.lookup, name="lookup"),
    path("lookup/person/<int:pk>/", lookup.lookup_person, name="lookup_person"),
    path(
        "lookup/person/<int:pk>/xlsx/",
        lookup.lookup_person_export,
        {"suffix": "xlsx"},
        name="lookup_person_xlsx",
    ),
    path(
        "lookup/person/<int:pk>/pdf/",
        lookup.lookup_person_export,
        {"suffix": "pdf"},
        name="lookup_person_pdf",
    ),
    path("lookup/unit/<int:pk>/", lookup.lookup_unit, name="lookup_unit"),
    path(
        "lookup/unit/<int:pk>/xlsx/",
        lookup.lookup_unit_export,
        {"suffix": "xlsx"},
        name="lookup_unit_xlsx",
    ),
    path(
        "lookup/unit/<int:pk>/pdf/",
        lookup.lookup_unit_export,
        {"suffix": "pdf"},
        name="lookup_unit_pdf",
    ),
]
