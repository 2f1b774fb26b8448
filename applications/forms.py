"""Forms of the one form (一表申请), built from the catalogue entry's form_fields."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.identity import (
    normalize_identifier,
    validate_id_number,
    validate_mobile_phone,
    validate_uscc,
)
from applications.constants import (
    NEGATIVE_TICKET_MAX_DAYS,
    NEGATIVE_TICKET_MIN_DAYS,
    ONLINE_SUB_INDICATORS,
    CallbackMethod,
    EvaluationChannel,
    Satisfaction,
    Status,
    SuspensionReason,
)
from services_catalog.constants import FieldType


class ApplicantForm(forms.Form):
    phone = forms.CharField(label=_("手机号码"), max_length=20)
    email = forms.EmailField(label=_("电子邮箱（接收办理进度通知）"), required=False)
    address = forms.CharField(label=_("联系地址"), max_length=200, required=False)

    def clean_phone(self):
        return validate_mobile_phone(self.cleaned_data["phone"])


def _validator_for(field_type: str):
    return {
        FieldType.ID_NUMBER: validate_id_number,
        FieldType.USCC: validate_uscc,
        FieldType.PHONE: validate_mobile_phone,
    }.get(field_type)


class ServiceForm(forms.Form):
    """The service's own fields; types map to validated Django fields."""

    def __init__(self, *args, fields_spec: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        for spec in fields_spec:
            name = spec.get("name")
            if not name:
                continue
            kind = spec.get("type", FieldType.TEXT)
            common = {
                "label": spec.get("label", name),
                "required": bool(spec.get("required")),
                "help_text": spec.get("help", ""),
            }
            if kind == FieldType.TEXTAREA:
                field = forms.CharField(
                    widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, **common
                )
            elif kind == FieldType.DATE:
                field = forms.DateField(
                    widget=forms.DateInput(attrs={"type": "date"}),
                    error_messages={"invalid": _("请输入有效日期，格式为 年-月-日。")},
                    **common,
                )
            elif kind == FieldType.NUMBER:
                field = forms.DecimalField(error_messages={"invalid": _("请输入数字。")}, **common)
            elif kind == FieldType.CHOICE:
                choices = [("", "—")] + [
                    (c, c) if isinstance(c, str) else tuple(c) for c in spec.get("choices", [])
                ]
                field = forms.ChoiceField(choices=choices, **common)
            else:
                field = forms.CharField(max_length=200, **common)
                validator = _validator_for(kind)
                if validator:
                    field.validators.append(lambda v, _validate=validator: _validate(v))
                    if kind == FieldType.PHONE:
                        field.widget.attrs["inputmode"] = "tel"
            self.fields[name] = field

    def clean(self):
        data = super().clean()
        for name, value in list(data.items()):
            if hasattr(value, "isoformat"):
                data[name] = value.isoformat()
            elif value is not None and not isinstance(value, str):
                data[name] = str(value)
        return data


class UploadForm(forms.Form):
    code = forms.CharField(max_length=40)
    file = forms.FileField(label=_("选择文件（PDF、JPG 或 PNG）"))


class CommitmentForm(forms.Form):
    agree = forms.BooleanField(
        label=_("本人已阅读并同意上述承诺，如有虚假承担相应法律责任"), required=True
    )


class WalkInForm(forms.Form):
    # Room for the spaces and full-width digits people type; each value is normalised (NFKC,
    # no spaces) before it is validated, so "3101 1419 …" is the 18-character number.
    service_code = forms.CharField(label=_("事项实施编码"), max_length=60)
    real_name = forms.CharField(label=_("申请人姓名"), max_length=50)
    id_number = forms.CharField(label=_("身份证号"), max_length=40)
    phone = forms.CharField(label=_("手机号码"), max_length=30)
    identity_checked = forms.BooleanField(label=_("已查验身份证原件，人证一致"), required=False)

    def clean_service_code(self):
        return normalize_identifier(self.cleaned_data["service_code"])

    def clean_id_number(self):
        return validate_id_number(self.cleaned_data["id_number"])

    def clean_phone(self):
        return validate_mobile_phone(self.cleaned_data["phone"])


class SuspendForm(forms.Form):
    reason_code = forms.ChoiceField(label=_("特别程序种类"), choices=SuspensionReason.choices)
    note = forms.CharField(
        label=_("说明"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("理由"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class EvaluationForm(forms.Form):
    level = forms.TypedChoiceField(
        label=_("总体满意度"), choices=Satisfaction.choices, coerce=int, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("文字评价（选填；不满意时请写明原因）"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    channel = forms.ChoiceField(
        choices=EvaluationChannel.choices, initial=EvaluationChannel.PC, widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in ONLINE_SUB_INDICATORS[1:]:
            self.fields[f"sub_{key}"] = forms.TypedChoiceField(
                label=label,
                choices=[("", "—"), *list(Satisfaction.choices)],
                coerce=int,
                required=False,
                empty_value=None,
            )

    def clean(self):
        data = super().clean()
        if (
            data.get("level") in (Satisfaction.DISSATISFIED, Satisfaction.VERY_DISSATISFIED)
            and not (data.get("text") or "").strip()
        ):
            raise ValidationError(_("选择“不满意”或“非常不满意”时，请写明原因，便于整改。"))
        return data


class ProgressLookupForm(forms.Form):
    number = forms.CharField(label=_("办件编号"), max_length=80)
    phone = forms.CharField(label=_("申请时填写的手机号码"), max_length=30)

    def clean_number(self):
        """A case number typed full-width, in lower case or with spaces is the same number."""
        return normalize_identifier(self.cleaned_data["number"])

    def clean_phone(self):
        return validate_mobile_phone(self.cleaned_data["phone"])


# --- 统一发证 and 差评 handling -------------------------------------------------------------------


class RevokeForm(forms.Form):
    """撤销证照: which document, why, and an explicit confirmation."""

    document = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("撤销理由（将在核验页公示，请勿填写个人信息）"),
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 200}),
        error_messages={
            "required": _("撤销证照必须填写撤销理由。"),
            "max_length": _("撤销理由不能超过200字。"),
        },
    )
    confirm = forms.BooleanField(
        label=_("我已核实撤销依据，确认撤销该文书（撤销后不可恢复）"),
        error_messages={"required": _("请勾选确认撤销。")},
    )


class CallbackForm(forms.Form):
    """回访 record."""

    called_at = forms.DateTimeField(
        label=_("回访时间"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"required": _("请填写回访时间。"), "invalid": _("回访时间格式不正确。")},
    )
    method = forms.ChoiceField(
        label=_("回访方式"),
        choices=CallbackMethod.choices,
        error_messages={"required": _("请选择回访方式（电话、短信或上门/当面）。")},
    )
    result = forms.CharField(
        label=_("回访情况"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("请填写回访情况。")},
    )
    satisfied = forms.ChoiceField(
        label=_("回访后申请人是否满意"),
        choices=[("yes", _("满意")), ("no", _("仍不满意"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择回访后申请人是否满意。")},
    )


class PlanForm(forms.Form):
    """限期整改: measures and a deadline in working days."""

    measures = forms.CharField(
        label=_("整改措施"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("请填写整改措施。")},
    )
    days = forms.IntegerField(
        label=_("整改期限（工作日，自评价之日起）"),
        min_value=NEGATIVE_TICKET_MIN_DAYS,
        max_value=NEGATIVE_TICKET_MAX_DAYS,
        initial=10,
        error_messages={
            "required": _("请填写整改期限。"),
            "invalid": _("整改期限须为整数个工作日。"),
            "min_value": _("整改期限不能少于%(limit_value)s个工作日。"),
            "max_value": _("整改期限不能超过%(limit_value)s个工作日。"),
        },
    )


class RatingPeriodForm(forms.Form):
    """The period of the published 好差评 statistics (by 办结 date)."""

    start = forms.DateField(
        label=_("起始日期"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("请输入有效日期。")},
    )
    end = forms.DateField(
        label=_("截止日期"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("请输入有效日期。")},
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                raise ValidationError(_("截止日期不能早于起始日期。"))
            if (end - start).days > 366 * 5:
                raise ValidationError(_("统计期间不能超过5年。"))
        return data


class QueueFilterForm(forms.Form):
    """The window queue's search (GET): 办件编号, applicant, service, state, due date."""

    number = forms.CharField(label=_("办件编号"), required=False, max_length=60)
    applicant = forms.CharField(
        label=_("申请人"),
        required=False,
        max_length=60,
        help_text=_("姓名（完整）或完整身份证号"),
    )
    service = forms.CharField(
        label=_("事项"), required=False, max_length=100, help_text=_("事项名称或实施编码")
    )
    status = forms.ChoiceField(label=_("状态"), required=False)
    due = forms.ChoiceField(
        label=_("期限"),
        required=False,
        choices=[("", _("全部")), ("overdue", _("已超期")), ("due_soon", _("即将到期"))],
    )
    due_before = forms.DateField(
        label=_("期限不晚于"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("待受理（已提交、预审中）"))] + [
            (value, label) for value, label in Status.choices if value != Status.DRAFT
        ]
