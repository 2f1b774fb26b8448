"""Register the catalogue in the Wagtail admin: 办事指南 (moderated snippet), 服务主题, 一件事."""

from __future__ import annotations

from django.db import models
from django.utils.html import conditional_escape
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.ui.fields import BaseFieldDisplay, register_display_class
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from services_catalog.admin_forms import (
    DepartmentScopedObjectMixin,
    DepartmentServicePolicy,
    MaterialAdminForm,
    ServiceItemAdminForm,
)
from services_catalog.models import LifeEvent, ServiceItem, ServiceTheme


class YesNoDisplay(BaseFieldDisplay):
    """Booleans read 是/否 in every admin inspect view (not True/False)."""

    def render_html(self, parent_context=None):
        if self.value is None:
            return "—"
        return conditional_escape(_("是") if self.value else _("否"))


register_display_class(models.BooleanField, display_class=YesNoDisplay)

# Registered before the viewset is, so no fallback policy is created first.
register_permission_policy(ServiceItem, DepartmentServicePolicy(ServiceItem))


class MaterialsPanel(InlinePanel):
    """申请材料, with the evidence type chosen from data_exchange's registry."""

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["form"] = MaterialAdminForm
        return options


def _scoped(view_class):
    return type(f"Scoped{view_class.__name__}", (DepartmentScopedObjectMixin, view_class), {})


class ServiceItemViewSet(SnippetViewSet):
    model = ServiceItem
    edit_view_class = _scoped(snippet_views.EditView)
    delete_view_class = _scoped(snippet_views.DeleteView)
    history_view_class = _scoped(snippet_views.HistoryView)
    unpublish_view_class = _scoped(snippet_views.UnpublishView)
    inspect_view_class = _scoped(snippet_views.InspectView)
    usage_view_class = _scoped(snippet_views.UsageView)
    copy_view_class = _scoped(snippet_views.CopyView)
    lock_view_class = _scoped(snippet_views.LockView)
    unlock_view_class = _scoped(snippet_views.UnlockView)
    revisions_view_class = _scoped(snippet_views.PreviewRevisionView)
    revisions_compare_view_class = _scoped(snippet_views.RevisionsCompareView)
    revisions_unschedule_view_class = _scoped(snippet_views.RevisionsUnscheduleView)
    workflow_history_view_class = _scoped(snippet_views.WorkflowHistoryView)
    workflow_history_detail_view_class = _scoped(snippet_views.WorkflowHistoryDetailView)
    workflow_preview_view_class = _scoped(snippet_views.WorkflowPreviewView)
    icon = "doc-full"
    menu_label = _("办事指南")
    # Booleans as BooleanColumn: templates/wagtailadmin/tables/boolean_cell.html shows 是/否.
    list_display = [
        "name",
        "code",
        "department",
        "audience",
        BooleanColumn("online", label=_("是否网办")),
        BooleanColumn("live", label=_("已发布")),
        "updated_at",
    ]
    list_filter = ["audience", "item_type", "department", "online", "live"]
    search_fields = ["name", "code", "basic_code"]
    ordering = ["code"]

    def get_queryset(self, request):
        return (
            DepartmentServicePolicy(ServiceItem)
            .instances_user_has_any_permission_for(request.user, ["change", "view"])
            .select_related("department")
        )

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    MultiFieldPanel(
                        [
                            FieldPanel("name"),
                            FieldRowPanel([FieldPanel("basic_code"), FieldPanel("code")]),
                            FieldRowPanel([FieldPanel("item_type"), FieldPanel("version")]),
                        ],
                        heading=_("事项信息"),
                    ),
                    MultiFieldPanel(
                        [
                            FieldPanel("legal_basis"),
                            FieldPanel("exercise_level"),
                            FieldPanel("power_code"),
                        ],
                        heading=_("设定依据"),
                    ),
                    MultiFieldPanel(
                        [
                            FieldPanel("department"),
                            FieldPanel("handling_office"),
                            FieldRowPanel(
                                [FieldPanel("joint_mode"), FieldPanel("joint_departments")]
                            ),
                        ],
                        heading=_("实施主体与承办机构"),
                    ),
                    MultiFieldPanel(
                        [
                            FieldPanel("audience"),
                            FieldPanel("service_objects"),
                            FieldPanel("themes"),
                            FieldPanel("life_events"),
                            FieldPanel("scope"),
                        ],
                        heading=_("服务对象与主题"),
                    ),
                ],
                heading=_("基本信息"),
            ),
            ObjectList(
                [
                    FieldPanel("conditions"),
                    FieldPanel("quantity_limit"),
                    FieldRowPanel(
                        [FieldPanel("allows_tolerance"), FieldPanel("allows_commitment")]
                    ),
                    MaterialsPanel("materials", heading=_("申请材料"), label=_("材料"), min_num=1),
                ],
                heading=_("受理条件与申请材料"),
            ),
            ObjectList(
                [
                    FieldPanel("process_steps"),
                    FieldPanel("special_procedures"),
                    FieldPanel("intermediary_services"),
                    MultiFieldPanel(
                        [
                            FieldRowPanel(
                                [FieldPanel("legal_limit_days"), FieldPanel("promised_limit_days")]
                            ),
                            FieldPanel("limit_note"),
                            FieldRowPanel([FieldPanel("case_type"), FieldPanel("visits")]),
                        ],
                        heading=_("办理时限"),
                    ),
                    MultiFieldPanel(
                        [FieldPanel("charges_fee"), FieldPanel("fee_basis")], heading=_("收费")
                    ),
                    MultiFieldPanel(
                        [FieldPanel("result_name"), FieldPanel("result_sample")],
                        heading=_("办理结果"),
                    ),
                ],
                heading=_("办理流程与时限"),
            ),
            ObjectList(
                [
                    MultiFieldPanel(
                        [
                            FieldPanel("handling_forms"),
                            FieldRowPanel(
                                [
                                    FieldPanel("online"),
                                    FieldPanel("appointment"),
                                    FieldPanel("online_payment"),
                                    FieldPanel("express"),
                                ]
                            ),
                        ],
                        heading=_("办理渠道"),
                    ),
                    MultiFieldPanel(
                        [
                            FieldPanel("location"),
                            FieldPanel("office_hours"),
                            FieldRowPanel(
                                [FieldPanel("consult_phone"), FieldPanel("supervise_phone")]
                            ),
                        ],
                        heading=_("办理地点与咨询监督"),
                    ),
                    FieldPanel("faq"),
                    FieldPanel("form_fields"),
                ],
                heading=_("渠道、咨询与申请表"),
            ),
            ObjectList(
                [
                    HelpPanel(
                        content=_(
                            "英文版只在访问者选择 English 时显示；留空的字段显示中文原文，"
                            "页面会提示“该内容仅有中文版”。材料的英文名称在“申请材料”中填写。"
                        )
                    ),
                    FieldPanel("name_en"),
                    FieldPanel("conditions_en"),
                    FieldPanel("process_steps_en"),
                    FieldPanel("result_name_en"),
                    FieldRowPanel([FieldPanel("location_en"), FieldPanel("office_hours_en")]),
                ],
                heading=_("英文版"),
            ),
        ],
        base_form_class=ServiceItemAdminForm,
    )


class ServiceThemeViewSet(SnippetViewSet):
    model = ServiceTheme
    icon = "tag"
    menu_label = _("服务主题")
    list_display = ["name", "code", "audience", "sort_order"]
    list_filter = ["audience"]
    panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("code"),
        FieldPanel("audience"),
        FieldPanel("sort_order"),
    ]


class LifeEventViewSet(SnippetViewSet):
    model = LifeEvent
    icon = "group"
    menu_label = _("一件事")
    list_display = ["name", "code", "audience"]
    panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("code"),
        FieldPanel("audience"),
        FieldPanel("description"),
        FieldPanel("description_en"),
        FieldPanel("sort_order"),
    ]


class CatalogueViewSetGroup(SnippetViewSetGroup):
    items = (ServiceItemViewSet, ServiceThemeViewSet, LifeEventViewSet)
    menu_icon = "doc-full-inverse"
    menu_label = _("办事指南")
    menu_name = "services_catalog"
    add_to_admin_menu = True


register_snippet(CatalogueViewSetGroup)
