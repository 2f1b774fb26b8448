"""The applications side of data_exchange (contracts.md): 免提交 evidence by an opaque reference.

A thin adapter so that the rest of the app calls one place; failures of the exchange turn
the item into an upload (the citizen can always upload the paper proof instead).
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied, ValidationError

from data_exchange import selectors as dx_selectors
from data_exchange import services as dx

logger = logging.getLogger(__name__)


class EvidenceNotAvailable(Exception):
    """The exchange refused or could not serve; the caller offers an upload."""


def request(
    *, actor, subject, service_code: str, evidence_types: list[str], purpose: str, reference: str
) -> None:
    try:
        dx.evidence_request(
            actor=actor,
            subject=subject,
            service_code=service_code,
            evidence_types=evidence_types,
            purpose=purpose[:200],
            reference=reference,
        )
    except (dx.EvidenceRefused, dx.EvidenceUnavailable, PermissionDenied, ValidationError) as exc:
        logger.info("evidence request for %s not served: %s", reference, type(exc).__name__)
        raise EvidenceNotAvailable(str(exc)) from exc


def decide(*, actor, reference: str, evidence_type: str, use: bool) -> None:
    dx.evidence_decide(actor=actor, reference=reference, evidence_type=evidence_type, use=use)


def decide_on_behalf(*, clerk, subject, reference: str, evidence_type: str, use: bool) -> None:
    dx.evidence_decide_on_behalf(
        clerk=clerk, subject=subject, reference=reference, evidence_type=evidence_type, use=use
    )


def previews(*, user, reference: str) -> list:
    return list(dx_selectors.evidence_previews(user=user, reference=reference))


def states(*, user, reference: str) -> dict:
    """evidence type → an object with .status and .decision (no values decrypted)."""
    return dx_selectors.evidence_states(user=user, reference=reference)


def reference_submitted(*, reference: str) -> None:
    dx.evidence_reference_submitted(reference=reference)


def consent_items(*, service_code: str, evidence_types: list[str]) -> list:
    """What the consent page lists (name, department, fields) without fetching anything."""
    return dx_selectors.evidence_consent_items(
        service_code=service_code, evidence_types=evidence_types
    )


def sharing_covered(*, service_code: str, evidence_types: list[str]) -> set[str]:
    """The 免提交 types an approved sharing agreement lets this service fetch now."""
    return dx_selectors.sharing_covered(service_code=service_code, evidence_types=evidence_types)
