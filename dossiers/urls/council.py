"""URL patterns: see dossiers/urls/__init__.py."""

urlpatterns: list = []
