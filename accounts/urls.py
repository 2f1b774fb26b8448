from django.urls import path

from accounts import org_views, views

app_name = "accounts"

urlpatterns = [
    path("me/", views.profile, name="profile"),
    path("staff/", views.staff_home, name="staff_home"),
    path("organisation/", org_views.organisation_home, name="organisation"),
    path(
        "organisation/authorisations/<int:pk>/revoke/",
        org_views.authorisation_revoke,
        name="authorisation_revoke",
    ),
]
