from django.urls import path

from plans.views import authoring, browse, imports, pdf

app_name = "plans"
urlpatterns = [
    path("", browse.plan_list, name="plan_list"),
    path("new/", authoring.plan_create, name="plan_create"),
    path("import/", imports.plan_upload, name="plan_upload"),
    path("import/<int:pk>/", imports.plan_review, name="plan_review"),
    path("<int:pk>/", browse.plan_detail, name="plan_detail"),
    path("<int:pk>/edit/", authoring.plan_edit, name="plan_edit"),
    path("<int:pk>/copy/", authoring.plan_copy, name="plan_copy"),
    path("<int:pk>/issue/", authoring.plan_issue, name="plan_issue"),
    path("<int:pk>/pdf/", pdf.plan_pdf_download, name="plan_pdf"),
    path("<int:pk>/pdf/render/", pdf.plan_pdf_render, name="plan_pdf_render"),
    path("<int:pk>/pdf/status/", pdf.plan_pdf_status, name="plan_pdf_status"),
]
