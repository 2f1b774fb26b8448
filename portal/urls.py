"""URL routes of the portal app (included at the site root): the four lists from one table."""

from django.urls import path

from portal import views_lists as v
from portal.list_kinds import LIST_KINDS

app_name = "lists"

urlpatterns = [
    path("lists/", v.lists_index, name="index"),
    path("lists/negative/check/", v.negative_check, name="negative_check"),
]
for _kind in LIST_KINDS.values():
    urlpatterns += [
        path(f"lists/{_kind.path}/", v.list_page, {"kind": _kind}, name=_kind.url_name),
        path(
            f"lists/{_kind.path}/export.<str:fmt>",
            v.export,
            {"kind": _kind},
            name=f"{_kind.url_name}_export",
        ),
        path(
            f"lists/{_kind.path}/<str:code>/",
            v.detail_page,
            {"kind": _kind},
            name=_kind.detail_url_name,
        ),
    ]
