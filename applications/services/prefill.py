"""Prefill of the service's form from certified evidence the citizen chose to use (使用).

Only items marked 使用 fill the form; their values are certified and read-only. A value the
citizen typed (in step 2, or the address of step 1) is never replaced: the certified value is
shown next to it as a difference. 不使用 removes what the item put into the form.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from applications import evidence
from applications.models import Application

# A form field's name → the evidence field it is filled from, when the names differ.
PREFILL_ALIASES = {
    "applicant_name": "name",
    "address": "household_address",
    "last_employer": "current_employer",
    "company_name": "name",
}


@dataclass(frozen=True)
class CertifiedValue:
    """One form value as the department certified it (source and time, Myinfo style)."""

    value: str
    evidence_type: str
    source: str


def _prefillable(key: str, value) -> bool:
    return bool(value) and not isinstance(value, list | dict) and "id_number" not in key


def _source(preview) -> str:
    when = timezone.localtime(preview.verified_at).strftime("%Y-%m-%d %H:%M")
    return f"{preview.department_name} · {preview.name} · {_('已核验')} {when}"


def application_certified_values(
    *, application: Application, user: User, spec: list[dict]
) -> dict[str, CertifiedValue]:
    """Form field → certified value, from verified evidence whose decision is 使用 only."""
    used = [
        p
        for p in evidence.previews(user=user, reference=application.reference)
        if p.status == "verified" and p.decision == "use"
    ]
    certified: dict[str, CertifiedValue] = {}
    for field in spec:
        name = field.get("name")
        if not name:
            continue
        key = PREFILL_ALIASES.get(name, name)
        for preview in used:
            value = preview.values.get(key)
            if _prefillable(key, value):
                certified[name] = CertifiedValue(
                    str(value), preview.evidence_type, _source(preview)
                )
                break
    return certified


def application_typed_values(*, application: Application) -> dict[str, str]:
    """What the citizen typed: the form so far, and step 1's address for an address field."""
    typed = {k: v for k, v in application.form_data.items() if v}
    if application.applicant_address and not typed.get("address"):
        typed["address"] = application.applicant_address
    return typed


def application_form_without_evidence(*, application: Application, values: dict) -> dict:
    """The form data minus what a declined item filled in (same value in a mapped field)."""
    kept = {}
    for name, value in application.form_data.items():
        key = PREFILL_ALIASES.get(name, name)
        source = values.get(key)
        if source is not None and _prefillable(key, source) and str(source) == value:
            continue
        kept[name] = value
    return kept
