from django.urls import path

from plans import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("import/", views.plan_upload, name="plan_upload"),
    path("import/<int:pk>/", views.plan_review, name="plan_review"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/pdf/", views.plan_pdf_download, name="plan_pdf"),
    path("<int:pk>/pdf/render/", views.plan_pdf_render, name="plan_pdf_render"),
    path("<int:pk>/pdf/status/", views.plan_pdf_status, name="plan_pdf_status"),
]
