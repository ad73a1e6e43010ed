"""URLs: summary."""

urlpatterns: list = []
