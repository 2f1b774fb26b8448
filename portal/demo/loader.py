"""Demo content of the four lists, loaded by load_demo_data after accounts and services_catalog.

Generated from the data modules beside it (powers, responsibilities, negative_list,
public_services): 300+ power entries over all ten
administrative-power types with their responsibility items, the market-access negative list
(prohibited 1000xx items and permit items with measures), and the public-service list linked
to the catalogue's type-20 services. Power entries for the catalogue's services use the
catalogue's own ``power_code`` values. Idempotent: existing entries are left as they are.
"""

from __future__ import annotations

from django.db import transaction

from accounts.models import Department
from portal import services
from portal.demo import negative_list, powers, public_services, responsibilities
from portal.demo.industries_loader import load_industries
from portal.models import (
    NegativeListItem,
    NegativeMeasure,
    PowerEntry,
    PowerLegalBasis,
    PublicServiceEntry,
    ResponsibilityItem,
)
from portal.services.setup import portal_setup
from services_catalog.constants import Audience, ExerciseLevel

PENALTY_TYPE = "02"


def _department_index() -> dict[str, int]:
    return {code: i for i, code in enumerate(sorted(powers.POWERS), start=1)}


def power_code_for(*, department: Department, power_type: str, seq: int) -> str:
    """实施编码 of a demo power: the department's USCC + type + 4-digit sequence (24 chars)."""
    return f"{department.uscc}{power_type}{seq:04d}"


def _responsibilities(
    power_type: str, name: str, law: str, article: str
) -> list[ResponsibilityItem]:
    basis = responsibilities.ACCOUNTABILITY_BASIS.get(
        power_type, responsibilities.ACCOUNTABILITY_BASIS["default"]
    )
    items = []
    for order, (stage, duty, cases) in enumerate(responsibilities.STAGES[power_type]):
        items.append(
            ResponsibilityItem(
                sort_order=order,
                stage=stage,
                duty=f"{duty}（依据《{law}》{article}办理“{name}”）" if order == 0 else duty,
                accountability=cases,
                accountability_basis=basis,
            )
        )
    return items


def _process_summary(power_type: str) -> str:
    return " → ".join(stage for stage, _d, _c in responsibilities.STAGES[power_type])


def _power_name(power_type: str, name: str) -> str:
    return f"对{name}的行政处罚" if power_type == PENALTY_TYPE else name


def _create_power(
    *,
    code: str,
    basic_code: str,
    name: str,
    power_type: str,
    department: Department,
    office: str,
    law: str,
    article: str,
    legal_days,
    promised_days,
    phone: str,
) -> PowerEntry:
    fee = responsibilities.FEE_BASIS.get(name, "")
    entry = PowerEntry(
        code=code,
        basic_code=basic_code,
        name=name,
        power_type=power_type,
        department=department,
        exercise_level=ExerciseLevel.MUNICIPAL,
        handling_office=office,
        legal_limit_days=legal_days,
        promised_limit_days=promised_days,
        charges_fee=bool(fee),
        fee_basis=fee,
        supervise_phone=phone,
        process_summary=_process_summary(power_type),
        live=False,
    )
    entry.legal_bases = [PowerLegalBasis(sort_order=0, law=law, article=article)]
    entry.responsibilities = _responsibilities(power_type, name, law, article)
    entry.save()
    services.entry_publish(entry=entry)
    return entry


GENERATED_SEQ_OFFSET = 100  # catalogue-derived codes use the service's own 4-digit sequence


def load_powers(*, departments: dict[str, Department]) -> int:
    """The generated power entries (sequence 0101+), skipping powers the catalogue already names."""
    created = 0
    existing = set(PowerEntry.objects.values_list("code", flat=True))
    named = set(PowerEntry.objects.values_list("department__code", "power_type", "name"))
    dept_index = _department_index()
    for dept_code, by_type in powers.POWERS.items():
        department = departments.get(dept_code)
        if department is None:
            continue
        offices = responsibilities.OFFICES.get(dept_code, [""])
        phone = department.phone or "12345"
        for power_type, rows in by_type.items():
            for seq, row in enumerate(rows, start=1):
                raw_name, law, article = row[0], row[1], row[2]
                legal_days = (
                    row[3] if len(row) > 3 else (90 if power_type == PENALTY_TYPE else None)
                )
                promised_days = (
                    row[4] if len(row) > 4 else (60 if power_type == PENALTY_TYPE else None)
                )
                code = power_code_for(
                    department=department, power_type=power_type, seq=GENERATED_SEQ_OFFSET + seq
                )
                name = _power_name(power_type, raw_name)
                if code in existing or (dept_code, power_type, name) in named:
                    continue
                _create_power(
                    code=code,
                    basic_code=f"{power_type}{dept_index[dept_code]:02d}{seq:03d}000",
                    name=name,
                    power_type=power_type,
                    department=department,
                    office=offices[(seq - 1) % len(offices)],
                    law=law,
                    article=article,
                    legal_days=legal_days,
                    promised_days=promised_days,
                    phone=phone,
                )
                existing.add(code)
                created += 1
    return created


def load_catalogue_powers() -> int:
    """Power entries for every power_code the catalogue's services exercise (matched by code)."""
    from services_catalog.selectors import services_live

    existing = set(PowerEntry.objects.values_list("code", flat=True))
    created = 0
    for service in services_live().exclude(power_code="").order_by("code"):
        if service.power_code in existing:
            continue
        power_type = service.item_type if service.item_type in responsibilities.STAGES else "10"
        law, article = _split_basis(service.legal_basis)
        name = service.name
        _create_power(
            code=service.power_code,
            basic_code=(service.basic_code or f"{power_type}00000000")[:10],
            name=name,
            power_type=power_type,
            department=service.department,
            office=service.handling_office,
            law=law,
            article=article,
            legal_days=service.legal_limit_days,
            promised_days=service.promised_limit_days,
            phone=service.supervise_phone,
        )
        existing.add(service.power_code)
        created += 1
    return created


def _split_basis(text: str) -> tuple[str, str]:
    text = (text or "").strip()
    if text.startswith("《") and "》" in text:
        law, _sep, rest = text[1:].partition("》")
        return law[:200], rest.split("；")[0].split(";")[0].strip()[:100]
    return (text[:200] or "中华人民共和国行政许可法"), ""


def _service_codes_for(refs: list[str]) -> str:
    """Catalogue codes for permit items: explicit codes, or live services found by name."""
    from services_catalog.selectors import services_live

    codes: list[str] = []
    for ref in refs:
        if "-" in ref and ref.upper() == ref:
            codes.append(ref)
            continue
        for code in services_live().filter(name__icontains=ref).values_list("code", flat=True)[:3]:
            codes.append(code)
    return ",".join(dict.fromkeys(codes))


def load_negative_list(*, departments: dict[str, Department]) -> int:
    created = 0
    rows = [
        ("prohibited", no, code, name, auth, dept, measures, kw, "", [])
        for no, code, name, auth, dept, measures, kw in negative_list.NEGATIVE_PROHIBITED
    ] + [
        ("permit", no, code, name, auth, dept, measures, kw, local, refs)
        for no, code, name, auth, dept, measures, kw, local, refs in negative_list.NEGATIVE_PERMIT
    ]
    for category, no, code, name, authority, dept, measures, keywords, local, refs in rows:
        item = NegativeListItem.objects.filter(code=code).first()
        if item is not None:
            wanted = _service_codes_for(refs)
            if wanted and item.live and wanted != item.service_codes:
                item.service_codes = wanted  # link to catalogue services loaded later
                services.entry_publish(entry=item)
            continue
        item = NegativeListItem(
            category=category,
            item_no=no,
            code=code,
            name=name,
            competent_authority=authority,
            department=departments.get(dept) if dept else None,
            local_permit=local,
            keywords=keywords,
            service_codes=_service_codes_for(refs),
            edition="2025",
            live=False,
        )
        item.measures = [
            NegativeMeasure(sort_order=i, text=m, is_local="地方性措施" in m)
            for i, m in enumerate(measures)
        ]
        item.save()
        services.entry_publish(entry=item)
        created += 1
    return created


def load_public_services(*, departments: dict[str, Department]) -> int:
    from services_catalog.selectors import services_live

    created = 0
    existing = set(PublicServiceEntry.objects.values_list("service_code", flat=True))
    rows = [
        (
            s.code,
            s.name,
            s.department,
            s.audience,
            s.exercise_level,
            s.legal_basis,
            s.conditions[:500],
        )
        for s in services_live().filter(item_type="20")
    ]
    for code, name, dept, audience, basis, description in public_services.PUBLIC_SERVICES:
        if dept in departments:
            rows.append(
                (
                    code,
                    name,
                    departments[dept],
                    audience,
                    ExerciseLevel.MUNICIPAL,
                    basis,
                    description,
                )
            )
    for code, name, department, audience, level, basis, description in rows:
        if code in existing:
            continue
        entry = PublicServiceEntry(
            service_code=code,
            name=name,
            department=department,
            audience=audience if audience in Audience.values else Audience.PERSON,
            exercise_level=level,
            basis=basis,
            description=description,
            live=False,
        )
        entry.save()
        services.entry_publish(entry=entry)
        existing.add(code)
        created += 1
    return created


def load(*, stdout=None) -> None:
    """Idempotently create the demo lists, the 清单审核 workflow and the publishers' permissions."""
    portal_setup()  # roles, permissions and workflows: the same set-up as `setup_portal`
    departments = {d.code: d for d in Department.objects.all()}
    with transaction.atomic():
        catalogue_powers = load_catalogue_powers()
        powers = load_powers(departments=departments)
        negative = load_negative_list(departments=departments)
        public = load_public_services(departments=departments)
        load_industries()
    services.negative_lookup_reset()
    if stdout is not None:
        stdout.write(
            f"  portal: {powers + catalogue_powers} power entries ({catalogue_powers} from the catalogue), "
            f"{negative} negative-list items, {public} public services created; "
            f"{PowerEntry.objects.filter(live=True).count()} live power entries in total"
        )
