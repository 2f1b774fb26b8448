"""Wagtail admin pieces for the catalogue: department scoping of publishers.

A department's publisher sees, opens and edits only the guides whose 实施主体 is their own
department; system administrators (and superusers) manage every department's guides.
The scoping lives in a permission policy, so every admin view (list, edit, history,
revisions, delete, unpublish, workflow actions) applies it.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.permission_policies import ModelPermissionPolicy

from accounts.constants import Role


def user_sees_all_departments(user) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_sc_sees_all", None)
    if cached is None:
        cached = user.groups.filter(name=Role.ADMIN.label).exists()
        user._sc_sees_all = cached
    return cached


class DepartmentServicePolicy(ModelPermissionPolicy):
    """Model permissions, narrowed to the user's own department for non-administrators."""

    def _in_scope(self, user, instance) -> bool:
        if user_sees_all_departments(user):
            return True
        department_id = getattr(instance, "department_id", None)
        return department_id is None or department_id == getattr(user, "department_id", None)

    def user_has_permission_for_instance(self, user, action, instance):
        return super().user_has_permission_for_instance(user, action, instance) and self._in_scope(
            user, instance
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return super().user_has_any_permission_for_instance(
            user, actions, instance
        ) and self._in_scope(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        qs = super().instances_user_has_any_permission_for(user, actions)
        if not user_sees_all_departments(user):
            qs = qs.filter(department_id=getattr(user, "department_id", None))
        return qs


class ServiceItemAdminForm(WagtailAdminModelForm):
    """Publishers can only choose their own department as 实施主体."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        field = self.fields.get("department")
        if user is not None and field is not None and not user_sees_all_departments(user):
            field.queryset = field.queryset.filter(pk=user.department_id)
            if not self.instance.pk and user.department_id:
                self.initial.setdefault("department", user.department_id)


class DepartmentScopedObjectMixin:
    """Snippet views that open one guide: 403 unless it belongs to the user's department."""

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        policy = DepartmentServicePolicy(type(obj))
        if not policy._in_scope(self.request.user, obj):
            raise PermissionDenied
        return obj
