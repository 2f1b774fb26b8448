"""Forms of the appeals loop. They only shape input; every rule is checked by the services."""

from __future__ import annotations

import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.constants import REGION_CODES
from accounts.models import Department
from participation.appeals import catalogue
from participation.appeals.constants import (
    ADDRESS_MAX,
    ANSWER_MAX,
    DESCRIPTION_MAX,
    REASON_MAX,
    SUBJECT_MAX,
    AppealType,
    Satisfaction,
)
from participation.appeals.intake import AppealInput, Upload
from participation.appeals.text import normalize_number

MAX_UPLOAD_FIELD = 5


def _region_choices():
    return [("", _("请选择")), *REGION_CODES.items()]


class AppealForm(forms.Form):
    appeal_type = forms.ChoiceField(label=_("诉求类型"), choices=AppealType.choices)
    category = forms.ChoiceField(label=_("诉求分类"))
    subject = forms.CharField(label=_("标题"), max_length=SUBJECT_MAX)
    description = forms.CharField(
        label=_("诉求内容"),
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("请写清时间、地点、经过和诉求，不超过 2000 字。"),
    )
    region_code = forms.ChoiceField(label=_("所在区"), choices=_region_choices)
    address = forms.CharField(label=_("详细地址"), max_length=ADDRESS_MAX, required=False)
    reporter_name = forms.CharField(label=_("姓名"), max_length=50, required=False)
    reporter_phone = forms.CharField(
        label=_("联系电话"), max_length=30, help_text=_("用于答复、回访和凭编号查询进度。")
    )
    reporter_email = forms.EmailField(label=_("电子邮箱（接收回执）"), required=False)
    reported_department = forms.ModelChoiceField(
        label=_("被举报单位（举报时选填）"), queryset=Department.objects.all(), required=False
    )
    publish_consent = forms.BooleanField(label=_("同意在隐去个人信息后公开答复"), required=False)
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("请选择")), *catalogue.category_choices()]
        if not self.is_bound:
            self.initial.setdefault("submission_key", secrets.token_hex(16))

    def to_input(self, files) -> AppealInput:
        data = self.cleaned_data
        uploads = [
            Upload(filename=f.name or "file", data=f.read()) for f in files[: MAX_UPLOAD_FIELD + 1]
        ]
        return AppealInput(
            appeal_type=data["appeal_type"],
            category_code=data["category"],
            subject=data["subject"],
            description=data["description"],
            region_code=data["region_code"],
            address=data.get("address", ""),
            reporter_name=data.get("reporter_name", ""),
            reporter_phone=data["reporter_phone"],
            reporter_email=data.get("reporter_email", ""),
            publish_consent=data.get("publish_consent", False),
            reported_department_id=data["reported_department"].pk
            if data.get("reported_department")
            else None,
            uploads=uploads,
        )

    def add_service_errors(self, exc: ValidationError) -> None:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.message_dict.items():
                target = field if field in self.fields else None
                for message in errors:
                    self.add_error(target, message)
        else:
            for message in exc.messages:
                self.add_error(None, message)


class LookupForm(forms.Form):
    # Room for a number typed with spaces or full-width characters; normalised before the look-up.
    number = forms.CharField(label=_("诉求编号"), max_length=60)
    phone = forms.CharField(label=_("联系电话"), max_length=30)

    def clean_number(self):
        return normalize_number(self.cleaned_data["number"])


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("理由"), max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("答复内容"), max_length=ANSWER_MAX, widget=forms.Textarea(attrs={"rows": 6})
    )


class CallbackForm(forms.Form):
    satisfaction = forms.ChoiceField(
        label=_("满意度"), choices=Satisfaction.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("回访记录"), max_length=500, required=False)


class RatingForm(forms.Form):
    rating = forms.ChoiceField(
        label=_("评价"), choices=Satisfaction.choices, widget=forms.RadioSelect
    )


class DispatchForm(forms.Form):
    department = forms.ModelChoiceField(
        label=_("承办部门"),
        queryset=Department.objects.all(),
        required=False,
        help_text=_("留空按派单目录派单；与目录不一致时须填写理由。"),
    )
    reason = forms.CharField(label=_("调整理由"), max_length=REASON_MAX, required=False)


class ReassignForm(forms.Form):
    department = forms.ModelChoiceField(label=_("改派至"), queryset=Department.objects.all())
    reason = forms.CharField(label=_("改派理由"), max_length=REASON_MAX)


class MergeForm(forms.Form):
    primary = forms.CharField(label=_("并入诉求编号"), max_length=30)
    reason = forms.CharField(label=_("并单说明"), max_length=REASON_MAX)
