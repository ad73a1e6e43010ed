from django.urls import path

from reminders import views

app_name = "reminders"

urlpatterns = [
    path("", views.deadline_list, name="list"),
    path("new/", views.deadline_create, name="deadline_create"),
    path("<int:pk>/", views.deadline_detail, name="deadline"),
    path("<int:pk>/reminders/", views.deadline_offsets, name="deadline_offsets"),
    path("units/<int:pk>/", views.target_detail, name="target"),
    path("units/<int:pk>/done/", views.target_done, name="target_done"),
    path("units/<int:pk>/reopen/", views.target_reopen, name="target_reopen"),
    path("proofs/<int:pk>/", views.proof_download, name="proof_download"),
    path("councils/<int:pk>/", views.council_overview, name="council"),
    path("plans/<int:pk>/reminders/", views.plan_offsets, name="plan_offsets"),
    path("outbox/", views.outbox, name="outbox"),
    path("outbox/run/", views.outbox_run, name="outbox_run"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
