"""Admin for the business channel: 政策咨询 answered by the issuing department."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from accounts.constants import PERM_PUBLISH_LISTS, PERM_REVIEW, PERM_SUPERVISION
from policies import selectors, services
from policies.models import PolicyQuestion


class QuestionPermissionPolicy(BasePermissionPolicy):
    """Department reviewers and publishers view and answer their own department's questions."""

    def user_has_permission(self, user, action):
        return action in ("view", "change") and services.staff_may_answer(user=user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, a) for a in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and (
            user.is_superuser or instance.policy.department_id == user.department_id
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return PolicyQuestion.objects.none()
        return selectors.questions_for_department(user=user)

    def users_with_any_permission(self, actions):
        return (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(
                Q(is_superuser=True)
                | Q(
                    department__isnull=False,
                    groups__permissions__codename__in=[
                        PERM_REVIEW.split(".")[1],
                        PERM_PUBLISH_LISTS.split(".")[1],
                    ],
                )
            )
            .distinct()
        )

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])


register_permission_policy(PolicyQuestion, QuestionPermissionPolicy(PolicyQuestion))


class QuestionIndexView(generic.IndexView):
    def get_base_queryset(self):
        return selectors.questions_for_department(user=self.request.user)


class QuestionEditView(generic.EditView):
    def get_object(self, queryset=None):
        obj = (
            selectors.questions_for_department(user=self.request.user)
            .filter(pk=self.kwargs["pk"])
            .first()
        )
        if obj is None:
            raise Http404
        return obj

    def save_instance(self):
        data = self.form.cleaned_data
        return services.question_answer(
            actor=self.request.user,
            question=self.object,
            answer=data.get("answer", ""),
            publish_as_faq=bool(data.get("published_as_faq")),
            faq_question=data.get("faq_question", ""),
        )


class AgeColumn(Column):
    def get_value(self, instance):
        days = selectors.question_age_working_days(question=instance)
        return ngettext("%(d)s 个工作日", "%(d)s 个工作日", days) % {"d": days}


class PolicyQuestionViewSet(ModelViewSet):
    model = PolicyQuestion
    icon = "help"
    menu_label = _("政策咨询")
    menu_order = 260
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = QuestionIndexView
    edit_view_class = QuestionEditView
    list_display = [
        "question",
        "policy",
        "organisation",
        "status",
        "asked_at",
        AgeColumn("age", label=_("已等待")),
        "appeal_number",
        "overdue_flagged_at",
    ]
    list_filter = ["status", "published_as_faq"]
    search_fields = ["question", "answer"]
    panels = [
        FieldPanel("question", read_only=True),
        FieldPanel("appeal_number", read_only=True),
        FieldPanel("answer"),
        FieldPanel("published_as_faq"),
        FieldPanel("faq_question"),
    ]

    def get_permissions_to_register(self):
        return []


@hooks.register("register_admin_viewset")
def register_question_viewset():
    return PolicyQuestionViewSet("policy_questions")


@hooks.register("register_admin_menu_item")
def register_scan_menu_item():
    class ScanMenuItem(MenuItem):
        def is_shown(self, request):
            return request.user.has_perm(PERM_PUBLISH_LISTS)

    return ScanMenuItem(_("免申即享筛查"), "/business/scans/", icon_name="search", order=261)


@hooks.register("register_admin_menu_item")
def register_overdue_menu_item():
    class OverdueMenuItem(MenuItem):
        def is_shown(self, request):
            return request.user.has_perm(PERM_SUPERVISION)

    return OverdueMenuItem(
        _("超期政策咨询"), "/business/questions/overdue/", icon_name="warning", order=262
    )
