from django.urls import path

from organizations import views, views_people

app_name = "organizations"
urlpatterns = [
    path("", views.unit_list, name="unit_list"),
    path("<int:pk>/", views.unit_detail, name="unit_detail"),
    path("people/", views_people.person_list, name="person_list"),
]
