"""免提交 follows the sharing agreements (docs/data_exchange.md): a new application offers an
item as 免提交 only while an approved agreement covers its service and evidence type, and
when an agreement is withdrawn the drafts in progress turn the item into an upload and their
applicants are told (message centre and their chosen channels).

`drafts_sharing_withdrawn` is registered with data_exchange.hooks.on_agreement_withdrawn in
ApplicationsConfig.ready(): data_exchange never imports this app.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from applications import evidence
from applications.constants import MaterialMode, Status
from applications.models import Application
from applications.notifications import Message, send_message

SHARING_WITHDRAWN = "sharing_withdrawn"


def evidence_types_offered(*, service_code: str, evidence_types: list[str]) -> set[str]:
    """Of the guide's 免提交 types, those an approved agreement covers now."""
    if not evidence_types:
        return set()
    return evidence.sharing_covered(service_code=service_code, evidence_types=evidence_types)


def drafts_sharing_withdrawn(*, service_code: str, evidence_type: str) -> int:
    """Drafts of `service_code` stop offering `evidence_type` as 免提交; each applicant is told
    which material to upload now. Returns the number of drafts changed."""
    drafts = list(
        Application.objects.filter(
            service_code=service_code,
            status__in=[Status.DRAFT],
            materials__evidence_type=evidence_type,
        )
        .distinct()
        .select_related("applicant")
    )
    for application in drafts:
        with transaction.atomic():
            items = application.materials.filter(evidence_type=evidence_type)
            names = "、".join(items.values_list("name", flat=True))
            items.update(evidence_type="", mode=MaterialMode.NONE)
            url = settings.PORTAL_BASE_URL.rstrip("/") + reverse(
                "applications:draft_step", args=[application.pk, 3]
            )
            message = Message(
                recipient_email=application.applicant.email or "",
                recipient_phone=getattr(application.applicant, "phone", "") or "",
                subject=_("“%(service)s”的材料需要上传") % {"service": application.service_name},
                body=_(
                    "该事项获取“%(items)s”的数据共享协议已撤回，这项材料不能再免提交。"
                    "请在申请的“提交材料”一步上传后再提交。"
                )
                % {"items": names},
                url=url,
                application_id=application.pk,
                user_id=application.applicant_id,
                event=SHARING_WITHDRAWN,
            )
            transaction.on_commit(lambda m=message: send_message(m))
    return len(drafts)
