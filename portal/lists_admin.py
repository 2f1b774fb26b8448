"""Wagtail admin pieces for the four lists: department scoping of publishers' views and forms."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import EditView, IndexView

from accounts.constants import Role


def user_sees_all_departments(user) -> bool:
    """System administrators and superusers manage every department's lists."""
    return bool(user.is_superuser or user.groups.filter(name=Role.ADMIN.label).exists())


def user_may_edit_entry(user, entry) -> bool:
    if user_sees_all_departments(user):
        return True
    department_id = getattr(entry, "department_id", None)
    return department_id is not None and department_id == user.department_id


class DepartmentScopedIndexView(IndexView):
    def get_base_queryset(self):
        qs = super().get_base_queryset()
        user = self.request.user
        if not user_sees_all_departments(user):
            qs = qs.filter(department_id=user.department_id)
        return qs


class DepartmentScopedEditView(EditView):
    """A publisher opens only entries of their own department (403 otherwise)."""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not user_may_edit_entry(self.request.user, obj):
            raise PermissionDenied
        return obj


class DepartmentScopedObjectMixin:
    """Refuse another department's entry in any per-object admin view (history, compare…)."""

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not user_may_edit_entry(self.request.user, obj):
            raise PermissionDenied
        return obj


def scoped_view(view_class: type) -> type:
    return type(
        f"DepartmentScoped{view_class.__name__}", (DepartmentScopedObjectMixin, view_class), {}
    )


SCOPED_OBJECT_VIEWS = {
    f"{name}_view_class": scoped_view(getattr(snippet_views, cls))
    for name, cls in [
        ("delete", "DeleteView"),
        ("usage", "UsageView"),
        ("history", "HistoryView"),
        ("inspect", "InspectView"),
        ("revisions", "PreviewRevisionView"),
        ("revisions_compare", "RevisionsCompareView"),
        ("revisions_unschedule", "RevisionsUnscheduleView"),
        ("unpublish", "UnpublishView"),
        ("lock", "LockView"),
        ("unlock", "UnlockView"),
        ("copy", "CopyView"),
        ("preview_on_edit", "PreviewOnEditView"),
        ("workflow_history", "WorkflowHistoryView"),
        ("workflow_history_detail", "WorkflowHistoryDetailView"),
        ("workflow_preview", "WorkflowPreviewView"),
    ]
}


class ListEntryAdminForm(WagtailAdminModelForm):
    """Publishers can only choose their own department as 实施主体."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        field = self.fields.get("department")
        if user is not None and field is not None and not user_sees_all_departments(user):
            field.queryset = field.queryset.filter(pk=user.department_id)
            field.required = True
            if not self.instance.pk and user.department_id:
                self.initial.setdefault("department", user.department_id)
