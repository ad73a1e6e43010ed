from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("count/", views.unread_count, name="count"),
    path("read/", views.mark_read, name="mark_read"),
    path("settings/", views.preference_edit, name="settings"),
]
