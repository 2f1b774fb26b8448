"""URL routes of the applications app (included at the site root)."""

urlpatterns: list = []
