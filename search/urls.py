"""URL routes of the search app (included at the site root)."""

urlpatterns: list = []
