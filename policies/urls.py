"""URL routes of the policies app (included at the site root)."""

urlpatterns: list = []
