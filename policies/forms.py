"""Forms of the business channel's public pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.constants import REGION_CODES
from accounts.industries import industry_division_choices
from policies.constants import EnterpriseSize, TaxCreditRating

SIZE_CHOICES = [("", _("（未填写）")), *EnterpriseSize.choices]
CREDIT_CHOICES = [("", _("（未填写）")), *TaxCreditRating.choices]
DISTRICT_CHOICES = [("", _("（未填写）")), *REGION_CODES.items()]


class BusinessProfileForm(forms.Form):
    """企业自报: what the business declares; certified values still take precedence."""

    industry_code = forms.RegexField(
        label=_("所属行业代码（国民经济行业分类）"),
        regex=r"^[A-Ta-t]\d{0,4}$",
        required=False,
        help_text=_("门类字母加4位数字，如正餐服务 H6210、软件开发 I6510"),
        error_messages={"invalid": _("行业代码格式不正确，应为门类字母加数字，如 H6210。")},
    )
    enterprise_size = forms.ChoiceField(label=_("企业规模"), choices=SIZE_CHOICES, required=False)
    registration_district = forms.ChoiceField(
        label=_("注册地"), choices=DISTRICT_CHOICES, required=False
    )
    established_date = forms.DateField(
        label=_("成立日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    headcount = forms.IntegerField(
        label=_("从业人数"), min_value=0, max_value=10_000_000, required=False
    )
    tax_credit_rating = forms.ChoiceField(
        label=_("纳税信用等级"), choices=CREDIT_CHOICES, required=False
    )
    licences = forms.CharField(
        label=_("持有的许可证"),
        required=False,
        max_length=500,
        help_text=_("多个用逗号或顿号分隔，如 食品经营许可证、卫生许可证；没有请留空"),
    )


class SelfCheckForm(BusinessProfileForm):
    """政策自测 for anonymous visitors: the same fields, nothing is stored.

    Visitors choose their industry by name (GB/T 4754 大类, grouped by 门类), not by code.
    """

    industry_code = forms.ChoiceField(
        label=_("所属行业"),
        required=False,
        choices=[("", _("（未填写）")), *industry_division_choices()],
        help_text=_("按国民经济行业分类选择最接近的行业"),
        error_messages={"invalid_choice": _("请从列表中选择行业。")},
    )


class QuestionForm(forms.Form):
    question = forms.CharField(
        label=_("您的问题"),
        min_length=5,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"min_length": _("请把问题写完整（至少5个字）。")},
    )
