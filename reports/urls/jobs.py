"""URLs: jobs."""

urlpatterns: list = []
