"""Consent before any use of government data (EU once-only, Myinfo), and data that follows.

1. The citizen sees what would be fetched, from whom and why, and asks per item
   (`application_evidence_consent`); nothing is fetched before that request.
2. The preview shows the values; 使用 lets them prefill the form, 不使用 purges them and
   removes anything they put into the form (`application_evidence_decide`).
3. A pending department never blocks: the case is submitted with the data to follow
   (数据待返回); `application_evidence_followup` fills the item in when the department answers,
   or asks the citizen to upload when it refuses or stays silent too long.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from applications import evidence
from applications.constants import MaterialCheck, MaterialMode
from applications.models import Application
from applications.permissions import clerk_may_handle, user_is_applicant_side
from applications.services._enqueue import enqueue_notification
from applications.services.materials import require_draft_owner
from applications.services.prefill import application_form_without_evidence

FOLLOWUP_NOTE = gettext_noop("部门未能返回该数据，请上传该材料。")


def _purpose(application: Application) -> str:
    return _("办理“%(service)s”（%(code)s）申请，核验申请材料") % {
        "service": application.service_name,
        "code": application.service_code,
    }


def application_evidence_purpose(*, application: Application) -> str:
    """The 用证事由 shown on the consent page and sent with the request."""
    return _purpose(application)


def application_request_evidence(
    *, application: Application, actor: User, evidence_types: list[str] | None = None
) -> None:
    """Ask data_exchange for the chosen 免提交 materials (all of them when None)."""
    available = {m.evidence_type for m in application.materials.all() if m.evidence_type}
    types = sorted(available if evidence_types is None else available & set(evidence_types))
    if not types:
        return
    evidence.request(
        actor=actor,
        subject=application.applicant,
        service_code=application.service_code,
        evidence_types=types,
        purpose=_purpose(application),
        reference=application.reference,
    )


def application_evidence_consent(
    *, application: Application, actor: User, choices: dict[str, bool]
) -> None:
    """The citizen's explicit per-item request: True = fetch for preview, False = upload instead.

    Raises ValidationError when an item has no choice; evidence.EvidenceNotAvailable when the
    exchange refused some items (those become uploads, the others are requested).
    """
    require_draft_owner(application, actor)
    codes = {m.evidence_type for m in application.materials.all() if m.evidence_type}
    unknown = set(choices) - codes
    if unknown or not choices:
        raise ValidationError(_("请为每项数据选择“获取”或“不获取，自行上传”。"))
    declined = [code for code, fetch in choices.items() if not fetch]
    application.materials.filter(evidence_type__in=declined).update(mode=MaterialMode.NONE)
    wanted = [code for code, fetch in choices.items() if fetch]
    application.materials.filter(evidence_type__in=wanted).update(mode=MaterialMode.EVIDENCE)
    application_request_evidence(application=application, actor=actor, evidence_types=wanted)


def application_evidence_decide(
    *,
    application: Application,
    actor: User,
    evidence_type: str,
    use: bool,
    confirmed_in_person: bool = False,
) -> None:
    """使用 / 不使用 of a 免提交 item: the applicant's choice, or for a walk-in (窗口代办) the
    clerk handling it records the choice the applicant confirmed in person. 不使用 also takes
    out of the form every value the item filled in."""
    require_draft_owner(application, actor)
    if not use:
        values = {}
        for preview in evidence.previews(user=actor, reference=application.reference):
            if preview.evidence_type == evidence_type:
                values = preview.values
        application.form_data = application_form_without_evidence(
            application=application, values=values
        )
    with transaction.atomic():
        _decide(application, actor, evidence_type, use, confirmed_in_person)
        application.materials.filter(evidence_type=evidence_type).update(
            mode=MaterialMode.EVIDENCE if use else MaterialMode.NONE
        )
        if not use:
            application.save(update_fields=["form_data", "updated_at"])


def _decide(application, actor, evidence_type, use, confirmed_in_person) -> None:
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


def application_evidence_followup(*, application: Application) -> list[str]:
    """After submission: items whose department refused, failed, or stayed pending longer than
    APPLICATIONS_EVIDENCE_PENDING_HOURS become uploads the citizen is asked for (once, by
    notification and on the case page). Returns the names of the items now owed."""
    if application.submitted_at is None:
        return []
    states = evidence.states(user=application.applicant, reference=application.reference)
    limit = dt.timedelta(hours=settings.APPLICATIONS_EVIDENCE_PENDING_HOURS)
    overdue = timezone.now() - application.submitted_at > limit
    owed = []
    for item in application.materials.filter(mode=MaterialMode.EVIDENCE):
        state = states.get(item.evidence_type)
        if state is None:
            continue  # never asked for (e.g. a 免申即享 case): nothing follows
        if state.status == "verified" or (state.status == "pending" and not overdue):
            continue
        item.mode = MaterialMode.NONE
        item.check_status = MaterialCheck.MISSING
        item.check_note = _(FOLLOWUP_NOTE)
        item.save(update_fields=["mode", "check_status", "check_note"])
        owed.append(item.name)
    if owed:
        enqueue_notification(application.pk, "evidence_upload")
    return owed
