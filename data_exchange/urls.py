"""URL routes of the data_exchange app (included at the site root)."""

urlpatterns: list = []
