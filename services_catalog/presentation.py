"""Display helpers shared by the guide page and the PDF: labels for codes and derived facts."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from services_catalog import content_language
from services_catalog.constants import (
    EVIDENCE_TYPE_LABELS,
    HandlingForm,
    JointMode,
    ServiceObject,
)
from services_catalog.models import ServiceItem


def visits_label(visits: int) -> str:
    if visits == 0:
        return _("零跑动")
    if visits == 1:
        return _("最多跑一次")
    return ngettext("到现场%(n)s次", "到现场%(n)s次", visits) % {"n": visits}


def limit_label(days: int) -> str:
    if days == 0:
        return _("即办")
    return ngettext("%(n)s个工作日", "%(n)s个工作日", days) % {"n": days}


def evidence_label(code: str) -> tuple[str, str]:
    name, department = EVIDENCE_TYPE_LABELS.get(code, (code, ""))
    return str(name), str(department)


def exempt_types(service_code: str, evidence_types: list[str]) -> set[str]:
    """The guide says 免提交 only where an approved sharing agreement covers the material now
    (a withdrawn agreement makes it an upload again; withdrawal bumps the page cache)."""
    codes = sorted({code for code in evidence_types if code})
    if not codes:
        return set()
    from data_exchange.selectors import sharing_covered

    return sharing_covered(service_code=service_code, evidence_types=codes)


def guide_context(service: ServiceItem) -> dict:
    """Everything the guide page and the 一次告知书 show, with code tables resolved."""
    all_materials = list(service.materials.all())
    covered = exempt_types(service.code, [m.evidence_type for m in all_materials])
    materials = []
    for m in all_materials:
        exempt = m.evidence_type in covered
        ev_name, ev_dept = evidence_label(m.evidence_type) if exempt else ("", "")
        materials.append(
            {"m": m, "exempt": exempt, "evidence_name": ev_name, "evidence_department": ev_dept}
        )
    objects = [
        str(ServiceObject(c).label) for c in service.service_objects if c in ServiceObject.values
    ]
    forms = [str(HandlingForm(c).label) for c in service.handling_forms if c in HandlingForm.values]
    joint = list(service.joint_departments.all()) if service.joint_mode != JointMode.NONE else []
    return {
        "service": service,
        "materials": materials,
        "service_objects": objects,
        "handling_forms": forms,
        "process_steps": content_language.localized(service, "process_steps"),
        "list_separator": ", " if content_language.english_active() else "、",
        "themes": list(service.themes.all()),
        "life_events": list(service.life_events.all()),
        "joint_departments": joint,
        "visits_label": visits_label(service.visits),
        "legal_limit_label": limit_label(service.legal_limit_days),
        "promised_limit_label": limit_label(service.promised_limit_days),
        "apply_url": f"/apply/{service.code}/" if service.online else "",
        "power_url": f"/lists/power/{service.power_code}/" if service.power_code else "",
        "pdf_url": f"/services/{service.code}/guide.pdf",
    }
