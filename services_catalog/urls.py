"""URL routes of the services_catalog app (included at the site root)."""

from django.urls import path

from services_catalog import views

app_name = "services_catalog"

urlpatterns = [
    path("services/", views.service_browse, name="browse"),
    path("services/<str:code>/", views.service_guide, name="guide"),
    path("services/<str:code>/guide.pdf", views.service_guide_pdf, name="guide_pdf"),
]
