"""The small explicit registries through which same-floor and higher apps plug into
data_exchange, without data_exchange importing them (docs/architecture.md):

- the **service directory**: services_catalog registers `fn(*, department_id) -> list of
  (service code, service name)` so that a steward files a request only for a service of the
  own department; without one, any code is accepted (tests of this app alone);
- **agreement withdrawn**: applications registers `fn(*, service_code, evidence_type)`, run
  after the withdrawal commits, to turn drafts' 免提交 items into uploads and tell the citizens;
- the **issued-document register**: applications registers `fn(verification_code) ->
  (sha256, revoked) | None`, through which the wallet re-checks the certificates it issued.

Registered from AppConfig.ready(); no signals, this module is the one place to look.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

logger = logging.getLogger(__name__)

ServiceDirectory = Callable[..., list[tuple[str, str]]]
AgreementWithdrawn = Callable[..., None]

# verification code → (current SHA-256, revoked), or None when the register does not know it.
RegisterLookup = Callable[[str], "tuple[str, bool] | None"]

_DIRECTORY: list[ServiceDirectory] = []
_WITHDRAWN: list[AgreementWithdrawn] = []
_REGISTER: list[RegisterLookup] = []


def issued_register_set(lookup: RegisterLookup) -> None:
    """The issuer's document register (called once, from the issuing app's ready())."""
    _REGISTER[:] = [lookup]


def issued_register_entry(code: str) -> tuple[str, bool] | None:
    """What the issuer's register says of a verification code, or None (none registered)."""
    return _REGISTER[0](code) if _REGISTER else None


def service_directory_register(fn: ServiceDirectory) -> ServiceDirectory:
    """Register the function listing a department's services (the last one wins)."""
    _DIRECTORY[:] = [fn]
    return fn


def services_of_department(*, department_id: int | None) -> list[tuple[str, str]] | None:
    """(code, name) of the department's services, or None when no directory is registered."""
    if not _DIRECTORY:
        return None
    return list(_DIRECTORY[0](department_id=department_id))


def on_agreement_withdrawn(fn: AgreementWithdrawn) -> AgreementWithdrawn:
    """Register `fn(*, service_code, evidence_type)`; the same function twice keeps one."""
    if fn not in _WITHDRAWN:
        _WITHDRAWN.append(fn)
    return fn


def run_agreement_withdrawn(*, service_code: str, evidence_type: str) -> None:
    """Run after the withdrawal committed: a failing callback is logged and the others still
    run (the access is already gone; a draft not told is refused at fetch and offered upload)."""
    for fn in tuple(_WITHDRAWN):
        try:
            fn(service_code=service_code, evidence_type=evidence_type)
        except Exception:
            logger.exception("agreement-withdrawn callback %s failed", fn)


def unregister(fn) -> None:
    """For tests that register a callback temporarily."""
    for registry in (_DIRECTORY, _WITHDRAWN):
        if fn in registry:
            registry.remove(fn)
