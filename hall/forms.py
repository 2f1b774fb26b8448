"""Input of the hall's pages; every field is normalised before a service sees it."""

from __future__ import annotations

import datetime as dt
import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from applications.constants import Satisfaction


def _nfkc(value: str) -> str:
    return unicodedata.normalize("NFKC", value or "").strip()


class SlotForm(forms.Form):
    day = forms.DateField(label=_("日期"), error_messages={"invalid": _("请选择有效的日期。")})
    start = forms.TimeField(label=_("时段"), error_messages={"invalid": _("请选择有效的时段。")})


class BookForm(SlotForm):
    hall = forms.SlugField(label=_("大厅"))
    agree = forms.BooleanField(
        label=_("我已知晓爽约规则"),
        error_messages={"required": _("请先确认已阅读爽约规则。")},
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("预约码"), max_length=20, error_messages={"required": _("请输入预约码。")}
    )

    def clean_code(self) -> str:
        return _nfkc(self.cleaned_data["code"])


class ServicesForm(forms.Form):
    """Up to five services for one visit, chosen from the hall's list."""

    services = forms.MultipleChoiceField(
        label=_("办理事项"), error_messages={"required": _("请至少选择一项要办理的事项。")}
    )

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["services"].choices = choices


class CaseNumberForm(forms.Form):
    number = forms.CharField(label=_("办件编号"), max_length=50)

    def clean_number(self) -> str:
        return _nfkc(self.cleaned_data["number"]).upper()


class WalkInForm(forms.Form):
    service = forms.ChoiceField(label=_("办理事项"))
    real_name = forms.CharField(label=_("申请人姓名"), max_length=100)
    # Room for spaces and full-width digits; the service normalises and validates the number.
    id_number = forms.CharField(label=_("身份证号"), max_length=40)
    phone = forms.CharField(label=_("手机号码"), max_length=30)
    identity_checked = forms.BooleanField(label=_("已核验身份证件原件"), required=False)

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = choices

    def clean(self):
        data = super().clean()
        for key in ("real_name", "id_number", "phone"):
            if key in data:
                data[key] = _nfkc(data[key])
        return data


class TransferForm(forms.Form):
    group = forms.TypedChoiceField(label=_("转到窗口组"), coerce=int)

    def __init__(self, *args, choices: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = choices


class RatingForm(forms.Form):
    ticket = forms.IntegerField(widget=forms.HiddenInput)
    level = forms.TypedChoiceField(
        label=_("满意度"),
        choices=Satisfaction.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择满意度（非常满意至非常不满意）。")},
    )
    text = forms.CharField(label=_("意见或建议"), required=False, widget=forms.Textarea)


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("开始日期"))
    end = forms.DateField(label=_("结束日期"))

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and (end < start or (end - start) > dt.timedelta(days=366)):
            raise forms.ValidationError(_("请选择一年以内、结束不早于开始的统计区间。"))
        return data
