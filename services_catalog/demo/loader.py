"""Demo content of the services_catalog app, loaded by load_demo_data after accounts.

Idempotent: themes and life events are updated on their codes, services on their 实施编码
(each load publishes a revision only when the guide changed), and the 办事指南审核
workflow is created once and assigned to ServiceItem.
"""

from __future__ import annotations

from django.db import transaction

from accounts.models import Department
from services_catalog import blank_forms, services
from services_catalog.constants import HandlingForm, JointMode
from services_catalog.demo.agreements import agreements_for_service
from services_catalog.demo.builders import (
    CONTACT_FIELD,
    ID_NUMBER_FIELD,
    NAME_FIELD,
    ORGANISATION_FIELD,
    PHONE_FIELD,
    USCC_FIELD,
    field,
    online_steps,
    steps,
)
from services_catalog.demo.desks import DESKS
from services_catalog.demo.english import (
    DESKS_EN,
    LIFE_EVENTS_EN,
    MATERIALS_EN,
    SERVICES_EN,
    THEMES_EN,
    online_steps_en,
)
from services_catalog.demo.services import SERVICES
from services_catalog.demo.themes import LIFE_EVENTS, THEMES
from services_catalog.models import LifeEvent, ServiceItem, ServiceTheme


def service_values(spec: dict, *, departments: dict, themes: dict, events: dict) -> dict:
    """Model values for one demo service spec (see builders.build_service)."""
    dept = departments[spec["department"]]
    location, hours, consult, supervise = DESKS[spec["department"]]
    online = spec.get("online", False)
    promised = spec["promised_limit_days"]
    result = spec["result_name"]
    if spec.get("process_steps"):
        process = spec["process_steps"]
    elif online:
        process = online_steps(
            review=spec.get("review", "承办部门对申请材料进行审查，作出决定。"),
            result=f"出具{result}",
            days=promised,
        )
    else:
        process = steps(
            ("窗口申请", f"申请人携带全部材料到{location}提交申请。"),
            (
                "受理",
                "材料齐全、符合法定形式的当场受理并出具受理回执；不齐全的一次性告知需补正内容。",
            ),
            ("审查决定", spec.get("review", "承办部门对申请材料进行审查，作出决定。")),
            ("办结", f"自受理之日起{promised}个工作日内办结，出具{result}。"),
        )
    forms = [HandlingForm.WINDOW]
    if online:
        forms += [HandlingForm.PC, HandlingForm.MOBILE]
    if spec.get("express"):
        forms.append(HandlingForm.EXPRESS)
    item_type = spec["item_type"]
    power_code = "" if item_type == "20" else f"{dept.uscc}{item_type}{spec['code'][-4:]}"
    materials = [material_values(m) for m in spec.get("materials", [])]
    limit_note = "" if promised else "即来即办，当场办结"
    if spec.get("special_procedures"):
        limit_note = f"{spec['special_procedures']}所需时间不计入办理时限"
    return {
        "basic_code": spec["basic_code"],
        "name": spec["name"],
        "item_type": item_type,
        "legal_basis": spec["legal_basis"],
        "power_code": power_code,
        "department": dept,
        "handling_office": f"{dept.name}政务服务窗口",
        "joint_mode": spec.get("joint_mode", JointMode.NONE),
        "joint_departments": [departments[c] for c in spec.get("joint_departments", [])],
        "audience": spec["audience"],
        "service_objects": spec.get("service_objects", []),
        "themes": [themes[c] for c in spec.get("themes", [])],
        "life_events": [events[c] for c in spec.get("life_events", [])],
        "scope": "全市通办",
        "conditions": spec["conditions"],
        "process_steps": process,
        "special_procedures": spec.get("special_procedures", ""),
        "intermediary_services": "无",
        "quantity_limit": "无数量限制",
        "legal_limit_days": spec["legal_limit_days"],
        "promised_limit_days": promised,
        "limit_note": limit_note,
        "case_type": spec["case_type"],
        "visits": spec["visits"],
        "charges_fee": spec.get("charges_fee", False),
        "fee_basis": spec.get("fee_basis", "不收费"),
        "handling_forms": [str(f) for f in forms],
        "online": online,
        "appointment": spec.get("appointment", False),
        "online_payment": spec.get("online_payment", False),
        "express": spec.get("express", False),
        "location": location,
        "office_hours": hours,
        "consult_phone": consult,
        "supervise_phone": supervise,
        "faq": spec.get("faq", []),
        "result_name": result,
        "allows_tolerance": spec.get("allows_tolerance", False),
        "allows_commitment": spec.get("allows_commitment", False),
        "form_fields": (spec.get("form_fields") or default_form_fields(spec)) if online else [],
        "materials": materials,
        **english_values(spec, materials=materials),
    }


def english_values(spec: dict, *, materials: list[dict]) -> dict:
    """The English key fields of one of the ten translated demo guides; the materials'
    ``name_en`` is set in place (empty for every other guide)."""
    english = SERVICES_EN.get(spec["code"])
    names = {**MATERIALS_EN, **english.get("materials", {})} if english else {}
    for m in materials:
        m["name_en"] = names.get(m["name"], "")
    if english is None:
        return {}
    location, hours = DESKS_EN[spec["department"]]
    result = english["result_name"]
    process = english.get("process_steps") or online_steps_en(
        review=english.get("review", "The department reviews the application and decides."),
        result=f"you receive the {result[0].lower()}{result[1:]}",
        days=spec["promised_limit_days"],
        online=spec.get("online", False),
    )
    return {
        "name_en": english["name"],
        "conditions_en": english["conditions"],
        "process_steps_en": process,
        "result_name_en": result,
        "location_en": location,
        "office_hours_en": hours,
    }


def material_values(spec: dict) -> dict:
    """Material fields; forms flagged `blank` get their 空白表格 and 示例样表 documents."""
    values = {k: v for k, v in spec.items() if k != "blank"}
    if spec.get("blank"):
        values["blank_form"] = blank_forms.form_document(title=spec["name"], sample=False)
        values["sample_form"] = blank_forms.form_document(title=spec["name"], sample=True)
    return values


def default_form_fields(spec: dict) -> list[dict]:
    """The one form of an online service that declares no special fields."""
    if spec["audience"] == "business":
        base = [ORGANISATION_FIELD, USCC_FIELD, CONTACT_FIELD]
    else:
        base = [NAME_FIELD, ID_NUMBER_FIELD]
    return [*base, PHONE_FIELD, field("remark", "申请事项说明", "textarea", required=False)]


def _unchanged(service: ServiceItem, values: dict) -> bool:
    if service is None or not service.live or service.has_unpublished_changes:
        return False
    for key, value in values.items():
        if key == "materials":
            current = list(service.materials.all())
            if len(current) != len(value):
                return False
            for material, wanted in zip(current, value, strict=True):
                if any(getattr(material, k) != v for k, v in wanted.items()):
                    return False
        elif key in ("themes", "life_events", "joint_departments"):
            if {o.pk for o in getattr(service, key).all()} != {o.pk for o in value}:
                return False
        elif getattr(service, key) != value:
            return False
    return True


@transaction.atomic
def load(*, stdout=None) -> None:
    """Idempotently create this app's demo content."""
    themes = {}
    for order, (code, name, audience) in enumerate(THEMES):
        themes[code], _ = ServiceTheme.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": THEMES_EN.get(code, ""),
                "audience": audience,
                "sort_order": order,
            },
        )
    events = {}
    for order, (code, name, audience, description) in enumerate(LIFE_EVENTS):
        events[code], _ = LifeEvent.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": LIFE_EVENTS_EN.get(code, ("", ""))[0],
                "audience": audience,
                "description": description,
                "description_en": LIFE_EVENTS_EN.get(code, ("", ""))[1],
                "sort_order": order,
            },
        )
    departments = {d.code: d for d in Department.objects.all()}
    existing = {
        s.code: s
        for s in ServiceItem.objects.filter(code__in=[s["code"] for s in SERVICES])
        .prefetch_related(
            "materials__blank_form",
            "materials__sample_form",
            "themes",
            "life_events",
            "joint_departments",
        )
        .select_related("department")
    }
    published = 0
    agreements = 0
    for spec in SERVICES:
        values = service_values(spec, departments=departments, themes=themes, events=events)
        # Before publishing: a guide marks 免提交 only behind an approved sharing agreement.
        agreements += agreements_for_service(
            spec=spec, form_fields=values["form_fields"], department=values["department"]
        )
        if _unchanged(existing.get(spec["code"]), values):
            continue
        services.service_save_and_publish(code=spec["code"], values=values)
        published += 1
    services.catalog_version_bump()
    if stdout is not None:
        stdout.write(
            f"  services_catalog: {len(SERVICES)} services ({published} published now), "
            f"{len(THEMES)} themes, {len(LIFE_EVENTS)} life events, "
            f"{agreements} approved sharing agreements"
        )
