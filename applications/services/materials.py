"""Materials of a draft: uploads (checked by content), 告知承诺, and 免提交 evidence from data_exchange.

Also the guard every draft edit passes (require_draft_owner); drafts builds on this module.
"""

from __future__ import annotations

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from applications import evidence, storage
from applications.constants import (
    MaterialCheck,
    MaterialMode,
    Status,
)
from applications.models import (
    Application,
    ApplicationMaterial,
)
from applications.permissions import clerk_may_handle, user_is_applicant_side
from applications.services.transitions import TransitionError
from services_catalog.constants import MaterialNecessity


def require_draft_owner(application: Application, actor: User) -> None:
    if not (
        user_is_applicant_side(user=actor, application=application)
        or application.agent_staff_id == actor.pk
    ):
        raise PermissionDenied
    if application.status not in (Status.DRAFT, Status.SUPPLEMENT):
        raise TransitionError(_("办件已提交，不能再修改。"))


def material_upload(
    *, application: Application, actor: User, code: str, data: bytes, filename: str
) -> ApplicationMaterial:
    """Store an upload after checking its content; replaces a previous file for the item."""
    if application.status not in (Status.DRAFT, Status.SUPPLEMENT):
        raise TransitionError(_("当前状态不能上传材料。"))
    if not (
        user_is_applicant_side(user=actor, application=application)
        or application.agent_staff_id == actor.pk
    ):
        raise PermissionDenied
    content_type = storage.validate_upload(data=data, filename=filename)
    item = application.materials.filter(code=code).first()
    if item is None:
        raise ValidationError(_("该事项没有这项材料。"))
    ext = storage.ALLOWED_TYPES[content_type]
    relative = f"uploads/{application.uuid}/{code}-{secrets.token_hex(6)}{ext}"
    storage.write_atomic(relative, data)
    replaced = item.file_path
    item.mode = MaterialMode.UPLOAD
    item.file_path = relative
    item.file_name = filename[:200]
    item.content_type = content_type
    item.size = len(data)
    item.sha256 = storage.sha256(data)
    item.uploaded_at = timezone.now()
    if item.check_status in (MaterialCheck.MISSING, MaterialCheck.WRONG):
        item.check_status = MaterialCheck.PENDING
    item.save()
    if replaced and replaced != relative:
        # The old file goes once the new record is committed (a rollback keeps it in use).
        transaction.on_commit(lambda: storage.delete_quietly(replaced))
    return item


def material_set_mode(
    *, application: Application, actor: User, code: str, mode: str
) -> ApplicationMaterial:
    """告知承诺 for a material that allows it, or back to upload."""
    require_draft_owner(application, actor)
    item = application.materials.get(code=code)
    if mode == MaterialMode.COMMITMENT:
        if not (application.service.allows_commitment and item.commitment_allowed):
            raise ValidationError(_("该材料不适用告知承诺制。"))
    elif mode not in (MaterialMode.UPLOAD, MaterialMode.NONE):
        raise ValidationError(_("无效的材料提交方式。"))
    item.mode = mode if mode != MaterialMode.UPLOAD or item.file_path else MaterialMode.NONE
    if mode == MaterialMode.UPLOAD and item.file_path:
        item.mode = MaterialMode.UPLOAD
    item.save(update_fields=["mode"])
    return item


def application_request_evidence(*, application: Application, actor: User) -> None:
    """Ask data_exchange for the 免提交 materials, with the 用证事由 naming the service."""
    types = sorted({m.evidence_type for m in application.materials.all() if m.evidence_type})
    if not types:
        return
    evidence.request(
        actor=actor,
        subject=application.applicant,
        service_code=application.service_code,
        evidence_types=types,
        purpose=_("办理“%(service)s”（%(code)s）申请，核验申请材料")
        % {"service": application.service_name, "code": application.service_code},
        reference=application.reference,
    )


def application_evidence_decide(
    *,
    application: Application,
    actor: User,
    evidence_type: str,
    use: bool,
    confirmed_in_person: bool = False,
) -> None:
    """使用 / 不使用 of a 免提交 item: the applicant's choice, or for a walk-in (窗口代办) the
    clerk handling it records the choice the applicant confirmed in person."""
    require_draft_owner(application, actor)
    if application.agent_staff_id == actor.pk and not user_is_applicant_side(
        user=actor, application=application
    ):
        if not clerk_may_handle(user=actor, application=application):
            raise PermissionDenied
        if not confirmed_in_person:
            raise ValidationError(
                _("请先由申请人当面确认是否使用该数据，并勾选“申请人已当面确认”。")
            )
        evidence.decide_on_behalf(
            clerk=actor,
            subject=application.applicant,
            reference=application.reference,
            evidence_type=evidence_type,
            use=use,
        )
    else:
        evidence.decide(
            actor=actor, reference=application.reference, evidence_type=evidence_type, use=use
        )
    application.materials.filter(evidence_type=evidence_type).update(
        mode=MaterialMode.EVIDENCE if use else MaterialMode.NONE
    )


def _sync_evidence_modes(
    application: Application, user: User, items: list[ApplicationMaterial]
) -> dict[str, object]:
    """Items whose pull failed or was declined fall back to upload."""
    if not any(item.evidence_type for item in items):
        return {}
    previews = evidence.states(user=user, reference=application.reference)
    for item in items:
        if not item.evidence_type or item.mode == MaterialMode.UPLOAD:
            continue
        preview = previews.get(item.evidence_type)
        usable = (
            preview is not None and preview.status == "verified" and preview.decision != "not_use"
        )
        wanted = MaterialMode.EVIDENCE if usable else MaterialMode.NONE
        if item.mode != wanted:
            item.mode = wanted
            item.save(update_fields=["mode"])
    return previews


def application_missing_materials(*, application: Application, user: User) -> list[str]:
    """Names of required materials not yet supplied (upload, usable evidence or commitment)."""
    items = list(application.materials.all())
    previews = _sync_evidence_modes(application, user, items)
    missing = []
    for item in items:
        if item.necessity != MaterialNecessity.REQUIRED:
            continue
        if item.mode == MaterialMode.UPLOAD and item.file_path:
            continue
        if item.mode == MaterialMode.COMMITMENT and application.commitment_signed_at:
            continue
        if item.mode == MaterialMode.EVIDENCE:
            preview = previews.get(item.evidence_type)
            if preview is not None and preview.status == "verified" and preview.decision == "use":
                continue
        missing.append(item.name)
    return missing
