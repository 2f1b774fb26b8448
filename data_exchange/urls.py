"""URL routes of the data_exchange app (included at the site root)."""

from django.urls import path

from data_exchange import views, views_sharing

app_name = "data_exchange"

urlpatterns = [
    path(".well-known/department-keys.json", views.signing_keys, name="signing_keys"),
    path("me/data-access/", views.data_access, name="data_access"),
    path("me/licences/", views.licences, name="licences"),
    path("me/licences/refresh/", views.licences_refresh, name="licences_refresh"),
    path("me/licences/<int:pk>/", views.licence_detail, name="licence_detail"),
    path("me/licences/<int:pk>/verify/", views.licence_verify, name="licence_verify"),
    path("me/real-name/verify/", views.real_name_verify, name="real_name_verify"),
    path("me/evidence/decide/", views.evidence_decide, name="evidence_decide"),
    path("me/evidence/status.json", views.evidence_status, name="evidence_status"),
    path("staff/sharing/", views_sharing.agreement_list, name="agreement_list"),
    path("staff/sharing/<int:pk>/", views_sharing.agreement_detail, name="agreement_detail"),
    path(
        "staff/sharing/<int:pk>/decide/",
        views_sharing.agreement_decide,
        name="agreement_decide",
    ),
]
