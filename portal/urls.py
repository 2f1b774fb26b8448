"""URL routes of the portal app (included at the site root)."""

urlpatterns: list = []
