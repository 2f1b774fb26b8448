"""URL routes of the api app (included at the site root)."""

urlpatterns: list = []
