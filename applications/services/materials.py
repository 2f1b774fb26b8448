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
from applications.permissions import user_is_applicant_side
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


def item_owed_after_evidence(*, application: Application, item: ApplicationMaterial) -> bool:
    """A submitted case's 免提交 item the department did not deliver: the citizen uploads it."""
    return (
        application.status in (Status.SUBMITTED, Status.PRE_REVIEW)
        and bool(item.evidence_type)
        and item.mode == MaterialMode.NONE
        and item.check_status == MaterialCheck.MISSING
    )


def material_upload(
    *, application: Application, actor: User, code: str, data: bytes, filename: str
) -> ApplicationMaterial:
    """Store an upload after checking its content; replaces a previous file for the item."""
    item = application.materials.filter(code=code).first()
    if application.status not in (Status.DRAFT, Status.SUPPLEMENT) and not (
        item is not None and item_owed_after_evidence(application=application, item=item)
    ):
        raise TransitionError(_("当前状态不能上传材料。"))
    if not (
        user_is_applicant_side(user=actor, application=application)
        or application.agent_staff_id == actor.pk
    ):
        raise PermissionDenied
    content_type = storage.validate_upload(data=data, filename=filename)
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
        # A pending item stays 免提交: the citizen may submit and let the data follow.
        usable = (
            preview is not None
            and preview.status in ("verified", "pending")
            and preview.decision != "not_use"
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
            if preview is not None and preview.status == "pending":
                continue  # submitted with the data to follow (数据待返回)
        missing.append(item.name)
    return missing
