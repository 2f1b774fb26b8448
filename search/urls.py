"""URL routes of the search app (included at the site root)."""

from django.urls import path

from search import views

app_name = "search"
urlpatterns = [path("search/", views.search, name="search")]
