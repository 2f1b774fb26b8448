"""Register the four lists as moderated snippets and the bulk-import admin view."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from config.pagecache import mark_cacheable
from portal import views_import
from portal.lists_admin import (
    SCOPED_OBJECT_VIEWS,
    DepartmentScopedEditView,
    DepartmentScopedIndexView,
    ListEntryAdminForm,
)
from portal.models import Industry, NegativeListItem, PowerEntry, PublicServiceEntry

ScopedViewSetBase = type("ScopedViewSetBase", (SnippetViewSet,), dict(SCOPED_OBJECT_VIEWS))


class ScopedViewSet(ScopedViewSetBase):
    index_view_class = DepartmentScopedIndexView
    edit_view_class = DepartmentScopedEditView


class PowerEntryViewSet(ScopedViewSet):
    model = PowerEntry
    icon = "list-ul"
    menu_label = _("权力清单")
    list_display = [
        "name",
        "code",
        "power_type",
        "department",
        BooleanColumn("live", label=_("已发布")),
    ]
    list_filter = ["power_type", "exercise_level", "live"]
    search_fields = ["name", "code"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("name"),
                    FieldRowPanel([FieldPanel("basic_code"), FieldPanel("code")]),
                    FieldPanel("power_type"),
                ],
                heading=_("基本信息"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("department"),
                    FieldRowPanel([FieldPanel("implementer_nature"), FieldPanel("exercise_level")]),
                    FieldPanel("handling_office"),
                ],
                heading=_("实施主体"),
            ),
            InlinePanel("legal_bases", heading=_("设定依据"), label=_("设定依据"), min_num=1),
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [FieldPanel("legal_limit_days"), FieldPanel("promised_limit_days")]
                    ),
                    FieldPanel("charges_fee"),
                    FieldPanel("fee_basis"),
                    FieldPanel("supervise_phone"),
                    FieldPanel("process_summary"),
                ],
                heading=_("办理"),
            ),
            InlinePanel("responsibilities", heading=_("责任清单"), label=_("责任事项")),
        ],
        base_form_class=ListEntryAdminForm,
    )


class NegativeListItemViewSet(ScopedViewSet):
    model = NegativeListItem
    icon = "warning"
    menu_label = _("负面清单")
    list_display = [
        "name",
        "code",
        "category",
        "competent_authority",
        BooleanColumn("live", label=_("已发布")),
    ]
    list_filter = ["category", "live"]
    search_fields = ["name", "code", "keywords"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("category"), FieldPanel("item_no"), FieldPanel("code")]),
            FieldPanel("name"),
            FieldPanel("competent_authority"),
            FieldPanel("department"),
            InlinePanel("measures", heading=_("措施描述"), label=_("管理措施"), min_num=1),
            FieldPanel("local_permit"),
            FieldPanel("keywords"),
            FieldPanel("service_codes"),
            FieldPanel("edition"),
        ],
        base_form_class=ListEntryAdminForm,
    )


class PublicServiceEntryViewSet(ScopedViewSet):
    model = PublicServiceEntry
    icon = "user"
    menu_label = _("公共服务事项清单")
    list_display = ["name", "service_code", "department", BooleanColumn("live", label=_("已发布"))]
    list_filter = ["audience", "live"]
    search_fields = ["name", "service_code"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("service_code"), FieldPanel("name")]),
            FieldPanel("department"),
            FieldRowPanel([FieldPanel("audience"), FieldPanel("exercise_level")]),
            FieldPanel("basis"),
            FieldPanel("description"),
        ],
        base_form_class=ListEntryAdminForm,
    )


class IndustryViewSet(SnippetViewSet):
    """行业与俗称: publishers curate what the negative-list look-up understands."""

    model = Industry
    icon = "tag"
    menu_label = _("行业与俗称")
    list_display = ["code", "name"]
    search_fields = ["code", "name"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("code"), FieldPanel("name")]),
            InlinePanel("synonyms", heading=_("俗称"), label=_("俗称")),
            FieldPanel("negative_items", widget=forms.CheckboxSelectMultiple),
        ]
    )


class ListsViewSetGroup(SnippetViewSetGroup):
    items = (PowerEntryViewSet, NegativeListItemViewSet, PublicServiceEntryViewSet, IndustryViewSet)
    menu_icon = "list-ul"
    menu_label = _("四张清单")
    menu_name = "lists"


register_snippet(ListsViewSetGroup)


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("lists/import/", views_import.import_start, name="portal_lists_import"),
        path(
            "lists/import/template-<str:kind>.<str:fmt>",
            views_import.import_template,
            name="portal_lists_import_template_kind",
        ),
        path(
            "lists/import/template.<str:fmt>",
            views_import.import_template,
            name="portal_lists_import_template",
        ),
        path(
            "lists/import/<int:pk>/", views_import.import_detail, name="portal_lists_import_detail"
        ),
        path(
            "lists/import/<int:pk>/status.json",
            views_import.import_status,
            name="portal_lists_import_status",
        ),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("accounts.publish_lists")


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("清单批量导入"), reverse("portal_lists_import"), icon_name="upload", order=310
    )


@hooks.register("on_serve_page")
def anonymous_page_cache(next_serve):
    """Offer a page's response to config.pagecache when its type sets anonymous_cache_seconds.

    Page types opt in with a class attribute (HomePage, the policy channel and its policies);
    the middleware then serves anonymous visitors without routing or rendering, and the
    version that publishing any page bumps (portal/signals.py) keeps it fresh.
    """

    def serve(page, request, args, kwargs):
        response = next_serve(page, request, args, kwargs)
        seconds = getattr(page, "anonymous_cache_seconds", 0)
        if seconds:
            seconds = min(seconds, settings.PUBLIC_PAGE_CACHE_SECONDS)
            mark_cacheable(
                response, seconds=seconds, params=getattr(page, "anonymous_cache_params", ())
            )
        return response

    return serve
