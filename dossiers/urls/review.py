"""URL patterns: see dossiers/urls/__init__.py."""

from django.urls import path

from dossiers.views import review_appraisal, review_public, review_queue, review_rounds

urlpatterns = [
    # Rounds.
    path("rounds/", review_rounds.round_list, name="round_list"),
    path("rounds/new/", review_rounds.round_create, name="round_create"),
    path("rounds/<int:pk>/", review_rounds.round_detail, name="round_detail"),
    path("rounds/<int:pk>/edit/", review_rounds.round_edit, name="round_edit"),
    # The queue and the appraisal of one dossier.
    path("queue/", review_queue.queue, name="queue"),
    path("<int:pk>/appraisal/", review_appraisal.appraisal, name="appraisal"),
    path("<int:pk>/appraisal/save/", review_appraisal.appraisal_save, name="appraisal_save"),
    path("<int:pk>/take/", review_appraisal.take, name="take"),
    path("<int:pk>/return/", review_appraisal.return_dossier, name="return"),
    path("<int:pk>/appraise/", review_appraisal.appraise, name="appraise"),
    # The public disclosure page (no login).
    path("public/<str:token>/", review_public.public, name="public"),
]
