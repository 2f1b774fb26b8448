"""URL routes of the portal app (included at the site root)."""

from django.urls import path

from portal import views_lists as v

app_name = "lists"

urlpatterns = [
    path("lists/", v.lists_index, name="index"),
    path("lists/power/", v.power_list, name="power"),
    path("lists/power/export.<str:fmt>", v.power_export, name="power_export"),
    path("lists/power/<str:code>/", v.power_detail, name="power_detail"),
    path("lists/responsibility/", v.responsibility_list, name="responsibility"),
    path(
        "lists/responsibility/export.<str:fmt>",
        v.responsibility_export,
        name="responsibility_export",
    ),
    path("lists/responsibility/<str:code>/", v.responsibility_detail, name="responsibility_detail"),
    path("lists/negative/", v.negative_list, name="negative"),
    path("lists/negative/check/", v.negative_check, name="negative_check"),
    path("lists/negative/export.<str:fmt>", v.negative_export, name="negative_export"),
    path("lists/negative/<str:code>/", v.negative_detail, name="negative_detail"),
    path("lists/public-services/", v.public_service_list, name="public_services"),
    path(
        "lists/public-services/export.<str:fmt>",
        v.public_service_export,
        name="public_services_export",
    ),
    path(
        "lists/public-services/<str:code>/", v.public_service_detail, name="public_service_detail"
    ),
]
