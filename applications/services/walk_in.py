"""窗口代办: the window starts an application for a person present at the counter, after checking
the original identity document; the clerk stays on the record as the agent."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from accounts import crypto
from accounts.constants import PERM_COUNTER
from accounts.identity import validate_id_number, validate_mobile_phone
from accounts.models import User
from accounts.services import citizen_create
from applications.models import Application
from applications.services.drafts import application_start
from services_catalog.models import ServiceItem


def walk_in_start(
    *,
    clerk: User,
    service: ServiceItem,
    real_name: str,
    id_number: str,
    phone: str,
    identity_checked: bool,
) -> Application:
    """窗口代办: the clerk starts an application for a person present at the window.
    The clerk's own identity stays on the record (agent_staff)."""
    if not clerk.has_perm(PERM_COUNTER):
        raise PermissionDenied
    if not identity_checked:
        raise ValidationError(_("请先核验申请人身份证件原件，并勾选“已核验身份”。"))
    number = validate_id_number(id_number)
    phone = validate_mobile_phone(phone)
    if not real_name.strip():
        raise ValidationError(_("请填写申请人姓名。"))
    digest = crypto.blind_index(number)
    person = User.objects.filter(id_number_digest=digest).first()
    if person is None:
        person = citizen_create(
            username=f"walkin-{digest[:12]}",
            email="",
            password=None,
            real_name=real_name,
            id_number=number,
            phone=phone,
        )
    elif person.real_name and person.real_name != real_name.strip():
        raise ValidationError(_("姓名与身份证号不一致，请核对证件。"))
    application = application_start(applicant=person, service=service, agent_staff=clerk)
    application.applicant_name = real_name.strip()
    application.applicant_phone = phone
    application.identity_verified = True
    application.draft_step = 2
    application.save(
        update_fields=[
            "applicant_name",
            "applicant_phone",
            "identity_verified",
            "draft_step",
            "updated_at",
        ]
    )
    return application
