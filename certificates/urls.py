"""URLs of certificates: printing for a decision, the public verification page."""

app_name = "certificates"

urlpatterns: list = []
