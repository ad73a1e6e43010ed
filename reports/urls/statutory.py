"""URLs: statutory."""

urlpatterns: list = []
