"""URL routes of the services_catalog app (included at the site root)."""

urlpatterns: list = []
