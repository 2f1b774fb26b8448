"""统一发证: revoking an issued result certificate or 准予许可决定书."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from applications.constants import (
    REVOCABLE_DOCUMENTS,
    Actor,
)
from applications.models import (
    Document,
)
from applications.permissions import document_may_revoke
from applications.services._enqueue import enqueue_notification
from applications.services.transitions import ApplicationMachine, TransitionError

REVOKE_REASON_MAX = 200


def document_revoke(*, document: Document, actor: User, reason: str) -> Document:
    """撤销 an issued result certificate or 准予许可决定书: /verify/ then shows it as revoked.
    Recorded on the application's timeline; the applicant is notified after commit."""
    reason = (reason or "").strip()
    with transaction.atomic():
        locked = (
            Document.objects.select_for_update()
            .select_related("application", "application__department")
            .get(pk=document.pk)
        )
        if not document_may_revoke(user=actor, document=locked):
            raise PermissionDenied(_("只有签发部门的审批人员或系统管理员可以撤销证照。"))
        if locked.doc_type not in REVOCABLE_DOCUMENTS:
            raise TransitionError(_("只有办理结果证书和准予许可决定书可以撤销。"))
        if locked.revoked:
            raise TransitionError(
                _("该文书已于%(date)s撤销，不能重复撤销。")
                % {
                    "date": timezone.localtime(locked.revoked_at).strftime("%Y-%m-%d")
                    if locked.revoked_at
                    else "—"
                }
            )
        if not reason:
            raise ValidationError(_("撤销证照必须填写撤销理由。"))
        if len(reason) > REVOKE_REASON_MAX:
            raise ValidationError(_("撤销理由不能超过%(max)s字。") % {"max": REVOKE_REASON_MAX})
        locked.revoked = True
        locked.revoked_reason = reason
        locked.revoked_at = timezone.now()
        locked.revoked_by = actor
        locked.save(update_fields=["revoked", "revoked_reason", "revoked_at", "revoked_by"])
        app = locked.application
        # On the case's timeline, state unchanged; the notice names the document.
        ApplicationMachine(notify=False).record(
            obj=app,
            action="revoke_document",
            source=app.status,
            actor=actor,
            role=Actor.REVIEWER,
            reason=f"{locked.get_doc_type_display()}：{reason}",
        )
        enqueue_notification(app.pk, f"revoke_{locked.doc_type}")
    document.__dict__.update({k: v for k, v in locked.__dict__.items() if not k.startswith("_")})
    return locked
