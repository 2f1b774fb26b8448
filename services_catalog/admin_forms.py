"""Wagtail admin pieces for the catalogue: department scoping of publishers.

A department's publisher sees, opens and edits only the guides whose 实施主体 is their own
department; system administrators (and superusers) manage every department's guides.
The scoping lives in a permission policy, so every admin view (list, edit, history,
revisions, delete, unpublish, workflow actions) applies it.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.permission_policies import ModelPermissionPolicy

from accounts.constants import Role
from services_catalog.blocks import GuideListField


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
    """Publishers can only choose their own department as 实施主体. 办理流程, 常见问题 and
    申请表字段 are edited item by item (services_catalog.blocks), never as raw JSON."""

    process_steps = GuideListField(list_name="process_steps", label=_("办理流程"))
    process_steps_en = GuideListField(
        list_name="process_steps", label=_("英文办理流程"), required=False
    )
    faq = GuideListField(list_name="faq", label=_("常见问题"))
    form_fields = GuideListField(list_name="form_fields", label=_("申请表字段"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        field = self.fields.get("department")
        if user is not None and field is not None and not user_sees_all_departments(user):
            field.queryset = field.queryset.filter(pk=user.department_id)
            if not self.instance.pk and user.department_id:
                self.initial.setdefault("department", user.department_id)

    def is_valid(self) -> bool:
        """Publishing (or submitting for publication) a guide whose materials are 免提交
        needs approved sharing agreements: the error names each one missing."""
        valid = super().is_valid()
        if not valid or not any(action in self.data for action in PUBLISHING_ACTIONS):
            return valid
        formset = self.formsets.get("materials")
        materials = [
            form.instance
            for form in (formset.forms if formset is not None else [])
            if form.has_changed() or form.instance.pk
            if not (formset.can_delete and formset._should_delete_form(form))
        ]
        missing = sharing_missing(
            service_code=self.cleaned_data.get("code") or self.instance.code,
            service_name=self.cleaned_data.get("name") or self.instance.name,
            materials=materials,
            form_fields=self.cleaned_data.get("form_fields"),
        )
        for message in missing:
            self.add_error(None, message)
        return not missing

    def clean_form_fields(self):
        fields = self.cleaned_data.get("form_fields") or []
        seen = set()
        for item in fields:
            if item["name"] in seen:
                raise ValidationError(
                    _("字段代码“%(name)s”重复：同一申请表内每个字段代码只能使用一次。"),
                    params={"name": item["name"]},
                )
            seen.add(item["name"])
            if item["type"] == "choice" and not item.get("choices"):
                raise ValidationError(
                    _("单选字段“%(label)s”需要填写选项。"), params={"label": item["label"]}
                )
        return fields


# The POST actions of Wagtail's snippet editor that publish, or ask for publication.
PUBLISHING_ACTIONS = ("action-publish", "action-submit", "action-restart-workflow")


def sharing_missing(*, service_code: str, service_name: str, materials, form_fields) -> list[str]:
    """What keeps a guide with 免提交 materials from publication: each evidence type without an
    approved sharing agreement covering this service and the fields its form uses."""
    from data_exchange.selectors import sharing_agreements_missing, sharing_fields_used

    names = [f.get("name") for f in form_fields or [] if f.get("name")]
    needs = {
        m.evidence_type: sharing_fields_used(evidence_type=m.evidence_type, form_field_names=names)
        for m in materials
        if m.evidence_type
    }
    if not needs:
        return []
    return sharing_agreements_missing(
        service_code=service_code, service_name=service_name, needs=needs
    )


def _evidence_type_choices():
    from data_exchange.selectors import evidence_type_choices

    return [("", _("不可免提交（由申请人提交）")), *evidence_type_choices()]


class EvidenceTypeField(forms.ChoiceField):
    """可免提交的证照/数据类型: one of the types data_exchange's connectors provide."""

    def __init__(self, **kwargs):
        kwargs.pop("max_length", None)
        kwargs.setdefault("required", False)
        super().__init__(choices=_evidence_type_choices, **kwargs)

    def valid_value(self, value):
        # A code stored before its connector was removed stays valid on re-save.
        return super().valid_value(value) or value == self.initial_code

    initial_code = None


class MaterialAdminForm(WagtailAdminModelForm):
    evidence_type = EvidenceTypeField(label=_("可免提交的证照/数据类型"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["evidence_type"]
        field.initial_code = self.instance.evidence_type or None
        field.help_text = _("选择数据共享提供的证照类型后，申请人可授权调取而无需提交（免提交）")


class DepartmentScopedObjectMixin:
    """Snippet views that open one guide: 403 unless it belongs to the user's department."""

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        policy = DepartmentServicePolicy(type(obj))
        if not policy._in_scope(self.request.user, obj):
            raise PermissionDenied
        return obj
