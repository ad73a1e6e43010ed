"""URL patterns: see dossiers/urls/__init__.py. Council sessions, votes and minutes; award
decisions and revocation."""

from django.urls import path

from dossiers.views import council, decisions

urlpatterns = [
    path("rounds/<int:round_pk>/sessions/", council.session_list, name="session_list"),
    path("rounds/<int:round_pk>/sessions/new/", council.session_create, name="session_create"),
    path("sessions/<int:pk>/", council.session_detail, name="session_detail"),
    path("sessions/<int:pk>/votes/", council.session_votes, name="session_votes"),
    path("sessions/<int:pk>/close/", council.session_close, name="session_close"),
    path("sessions/<int:pk>/minutes.pdf", council.session_minutes, name="session_minutes"),
    path("rounds/<int:round_pk>/decisions/new/", decisions.decision_create, name="decision_create"),
    path("decisions/<int:pk>/", decisions.decision_detail, name="decision_detail"),
    path("decisions/<int:pk>/pdf/", decisions.decision_pdf_view, name="decision_pdf"),
    path("grants/<int:pk>/revoke/", decisions.grant_revoke, name="grant_revoke"),
]
