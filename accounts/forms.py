"""The sign-up form: citizens (自然人) and business agents (法人经办人)."""

from __future__ import annotations

import logging

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts import selectors
from accounts.constants import AccountKind
from accounts.identity import validate_id_number, validate_mobile_phone, validate_uscc
from accounts.models import Organisation

logger = logging.getLogger(__name__)

_SIGNUP_KINDS = [
    (AccountKind.CITIZEN, _("个人（自然人）")),
    (AccountKind.BUSINESS, _("企业（法人经办人）")),
]


class PortalSignupForm(forms.Form):
    """Extra sign-up fields. allauth adds username, e-mail and password."""

    kind = forms.ChoiceField(
        label=_("账户类型"),
        choices=_SIGNUP_KINDS,
        widget=forms.RadioSelect,
        initial=AccountKind.CITIZEN,
    )
    real_name = forms.CharField(label=_("姓名"), max_length=50)
    id_number = forms.CharField(
        label=_("身份证号"),
        # Room for full-width characters and spaces: the validator normalises, then counts 18.
        max_length=40,
        min_length=1,
        help_text=_("18位居民身份证号码，仅用于实名核验，加密存储。"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text"}),
    )
    phone = forms.CharField(
        label=_("手机号码"),
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    organisation_name = forms.CharField(
        label=_("单位名称"), max_length=200, required=False, help_text=_("法人账户必填")
    )
    uscc = forms.CharField(
        label=_("统一社会信用代码"),
        max_length=40,
        required=False,
        help_text=_("法人账户必填，18位"),
    )

    def clean_id_number(self) -> str:
        number = validate_id_number(self.cleaned_data["id_number"])
        if selectors.user_by_id_number(id_number=number) is not None:
            raise ValidationError(_("该身份证号已注册账户，请直接登录或找回密码。"))
        return number

    def clean_phone(self) -> str:
        return validate_mobile_phone(self.cleaned_data["phone"])

    def clean_uscc(self) -> str:
        value = self.cleaned_data.get("uscc", "").strip()
        if not value:
            return ""
        return validate_uscc(value)

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("kind") == AccountKind.BUSINESS:
            if not cleaned.get("organisation_name"):
                self.add_error("organisation_name", _("法人账户请填写单位名称。"))
            if not cleaned.get("uscc") and "uscc" not in self.errors:
                self.add_error("uscc", _("法人账户请填写统一社会信用代码。"))
            code = cleaned.get("uscc")
            name = cleaned.get("organisation_name")
            if code and name:
                existing = Organisation.objects.filter(uscc=code).first()
                if existing is not None and existing.name != name.strip():
                    self.add_error(
                        "organisation_name", _("单位名称与该统一社会信用代码登记的名称不一致。")
                    )
        return cleaned

    def signup(self, request, user) -> None:
        """allauth hook, called after the adapter saved the user with its identity."""
        logger.info("account signed up: user=%s kind=%s", user.pk, user.kind)
