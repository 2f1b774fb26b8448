"""Wagtail admin: access rules and the key registry as snippets, and connector health."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from data_exchange.connectors import REGISTRY
from data_exchange.constants import INTERNAL_USES
from data_exchange.models import AccessRule, SigningKey
from data_exchange.services import breaker_state


class AccessRuleAdminForm(WagtailAdminModelForm):
    """Here only the internal uses' rules (企业画像, 证照归集, 实名核验): a catalogue service's
    rule comes only from its approved sharing agreement (/staff/sharing/)."""

    def clean(self):
        cleaned = super().clean()
        if self.instance.agreement_id or cleaned.get("service_code") not in INTERNAL_USES:
            raise ValidationError(
                _(
                    "事项的数据共享授权只能由已批准的数据共享协议产生（工作台 → 数据共享协议），"
                    "此处只能维护内部用途：%(codes)s。"
                )
                % {"codes": "、".join(INTERNAL_USES)}
            )
        return cleaned


class AccessRuleViewSet(SnippetViewSet):
    model = AccessRule
    icon = "lock"
    menu_label = _("授权规则")
    list_display = [
        "service_code",
        "evidence_type",
        "fields",
        BooleanColumn("active", label=_("启用")),  # 是/否
        "note",
        "agreement",
    ]
    list_filter = ["active", "evidence_type"]
    search_fields = ["service_code", "evidence_type"]
    edit_handler = ObjectList(
        [
            FieldPanel("service_code"),
            FieldPanel("evidence_type"),
            FieldPanel("fields"),
            FieldPanel("active"),
            FieldPanel("note"),
            FieldPanel("agreement", read_only=True),
        ],
        base_form_class=AccessRuleAdminForm,
    )


class SigningKeyViewSet(SnippetViewSet):
    model = SigningKey
    icon = "key"
    menu_label = _("部门签名密钥")
    list_display = ["key_id", "issuer", "algorithm", "valid_from", "valid_until", "revoked_at"]
    list_filter = ["issuer", "algorithm"]
    search_fields = ["key_id", "issuer"]


class DataExchangeGroup(SnippetViewSetGroup):
    items = (AccessRuleViewSet, SigningKeyViewSet)
    menu_icon = "resubmit"
    menu_label = _("数据共享")
    menu_name = "data-exchange"


register_snippet(DataExchangeGroup)


def connector_health(request):
    """部门接口状态: each connector's configuration, reachability, signing key and breaker."""
    if not request.user.is_superuser:
        raise PermissionDenied
    rows = []
    for identifier, connector in REGISTRY.items():
        report = connector.health()
        rows.append(
            {
                "identifier": identifier,
                "department": connector.department_code,
                "url": connector.base_url(),
                # The evidence names publishers know (户籍信息), not the registry keys.
                "provides": [(d.name, d.code) for d in connector.provides],
                "problems": connector.check_config(),
                "report": report,
                "breaker": breaker_state(connector.department_code),
            }
        )
    return render(request, "data_exchange/admin/health.html", {"rows": rows})


@hooks.register("register_admin_urls")
def register_health_url():
    return [path("data-exchange/health/", connector_health, name="data_exchange_health")]


class HealthMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_admin_menu_item")
def register_health_menu_item():
    return HealthMenuItem(
        _("部门接口状态"), reverse("data_exchange_health"), icon_name="pulse", order=320
    )
