"""The connector plugin base class and registry (Open Forms prefill pattern).

Adding a department = one more `@register("…")` class declaring what it `provides`.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from django.conf import settings

from data_exchange.constants import HolderKind, url_setting_name
from data_exchange.models import SigningKey
from data_exchange.verification import VerificationError, verify_envelope


class ConnectorError(Exception):
    """The department answered with something that is not a usable response (non-retryable)."""


class DepartmentUnavailable(Exception):
    """Unreachable, timed out or 5xx: retry later (and count towards the circuit breaker)."""


class ConnectorNotConfigured(DepartmentUnavailable):
    """No URL is configured for the department: nothing is called, the pull waits like one
    for a department that is down, and the admin's health view shows 未配置."""

    def __init__(self, department_code: str):
        super().__init__(f"not configured: set {url_setting_name(department_code)}")
        self.department_code = department_code


NOT_CONFIGURED = "not configured"


def directory_urls() -> dict[str, str]:
    """URLs from the department directory file (DATA_EXCHANGE_SIMULATOR_STATE_FILE), when the
    settings name one: the demo and the tests point it at the file the simulator writes with
    the ports it listens on. Production settings leave it empty (preflight refuses it)."""
    name = getattr(settings, "DATA_EXCHANGE_SIMULATOR_STATE_FILE", "")
    if not name:
        return {}
    try:
        departments = json.loads(Path(name).read_text()).get("departments", {})
    except (OSError, ValueError, AttributeError):
        return {}
    if not isinstance(departments, dict):
        return {}
    return {
        code: str(entry["url"])
        for code, entry in departments.items()
        if isinstance(entry, dict) and entry.get("url")
    }


@dataclass(frozen=True)
class EvidenceTypeDef:
    code: str
    name: str
    holder_kind: str
    fields: tuple[tuple[str, str], ...]
    is_licence: bool = True
    masked_fields: tuple[str, ...] = ("id_number", "mother_id_number")
    list_fields: tuple[str, ...] = field(default=())

    @property
    def field_keys(self) -> list[str]:
        return [key for key, _label in self.fields]

    def label(self, key: str) -> str:
        return dict(self.fields).get(key, key)

    def json_schema(self) -> dict:
        properties = {}
        for key, label in self.fields:
            if key in self.list_fields:
                properties[key] = {"type": "array", "items": {"type": "string"}, "title": label}
            elif key in ("headcount", "months_paid"):
                properties[key] = {"type": "integer", "title": label}
            else:
                properties[key] = {"type": "string", "title": label}
        return {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": self.name,
            "type": "object",
            "properties": properties,
            "additionalProperties": False,
        }


@dataclass
class HealthReport:
    reachable: bool
    key_id: str = ""
    key_valid: bool = False
    detail: str = ""
    configured: bool = True


class DepartmentConnector:
    identifier: str = ""
    department_code: str = ""
    department_name: str = ""  # shown when the department is not registered in accounts
    provides: tuple[EvidenceTypeDef, ...] = ()
    supports_identity_check: bool = False

    # --- configuration ------------------------------------------------------------------
    def base_url(self) -> str:
        """The configured URL (DATA_EXCHANGE_URL_<CODE>, else the directory file), or ""."""
        configured = settings.DATA_EXCHANGE_CONNECTOR_URLS.get(self.department_code, "")
        if not configured:
            configured = directory_urls().get(self.department_code, "")
        return configured.rstrip("/")

    def check_config(self) -> list[str]:
        """Configuration problems (empty when fine): URL and registered keys."""
        problems = []
        url = self.base_url()
        if not url:
            problems.append(f"{NOT_CONFIGURED}: set {url_setting_name(self.department_code)}")
        elif not url.startswith(("http://", "https://")):
            problems.append(f"invalid base URL {url!r}")
        if not SigningKey.objects.filter(issuer=self.department_code, revoked_at=None).exists():
            problems.append("no signing key registered for this department")
        return problems

    # --- transport ----------------------------------------------------------------------
    def _call(self, method: str, path: str, body: dict | None = None) -> tuple[int, bytes]:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8") if body is not None else None
        base = self.base_url()
        if not base:
            raise ConnectorNotConfigured(self.department_code)
        url = base + path
        if not url.startswith(("http://", "https://")):
            raise ConnectorError("connector URL must be http(s)")
        request = urllib.request.Request(  # noqa: S310 - scheme checked above
            url,
            data=data,
            method=method,
            headers={"Content-Type": "application/json; charset=utf-8"},
        )
        try:
            with urllib.request.urlopen(request, timeout=settings.DATA_EXCHANGE_TIMEOUT) as resp:  # noqa: S310
                return resp.status, resp.read()
        except urllib.error.HTTPError as exc:
            if exc.code >= 500:
                raise DepartmentUnavailable(f"HTTP {exc.code}") from None
            return exc.code, exc.read()
        except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
            raise DepartmentUnavailable(type(exc).__name__) from None

    def fetch_evidence(self, request: dict) -> bytes:
        status, body = self._call("POST", "/evidence", request)
        if status not in (200, 404):
            raise ConnectorError(f"HTTP {status}")
        return body

    def identity_verify(self, request: dict) -> bytes:
        status, body = self._call("POST", "/identity/verify", request)
        if status != 200:
            raise ConnectorError(f"HTTP {status}")
        return body

    def licence_status(self, identifier: str) -> bytes:
        status, body = self._call("GET", f"/licences/{quote(identifier, safe='')}/status")
        if status != 200:
            raise ConnectorError(f"HTTP {status}")
        return body

    def health(self) -> HealthReport:
        try:
            status, body = self._call("GET", "/health")
        except ConnectorNotConfigured as exc:
            return HealthReport(reachable=False, configured=False, detail=str(exc))
        except DepartmentUnavailable as exc:
            return HealthReport(reachable=False, detail=str(exc))
        if status != 200:
            return HealthReport(reachable=True, detail=f"HTTP {status}")
        try:
            payload = verify_envelope(
                department_code=self.department_code, body=body, record_seen=False
            )
        except VerificationError as exc:
            key_id = ""
            try:
                key_id = json.loads(body)["signature"]["key_id"]
            except (ValueError, KeyError, TypeError):
                pass
            return HealthReport(reachable=True, key_id=key_id, detail=exc.code)
        return HealthReport(reachable=True, key_id=payload["key_id"], key_valid=True, detail="ok")


REGISTRY: dict[str, DepartmentConnector] = {}


def register(identifier: str):
    def decorator(cls: type[DepartmentConnector]) -> type[DepartmentConnector]:
        if identifier in REGISTRY:
            raise ValueError(f"connector {identifier!r} registered twice")
        instance = cls()
        instance.identifier = identifier
        REGISTRY[identifier] = instance
        return cls

    return decorator


def connector_for_department(code: str) -> DepartmentConnector | None:
    for connector in REGISTRY.values():
        if connector.department_code == code:
            return connector
    return None


def evidence_type_defs() -> dict[str, EvidenceTypeDef]:
    return {d.code: d for c in REGISTRY.values() for d in c.provides}


def evidence_type_def(code: str) -> EvidenceTypeDef | None:
    return evidence_type_defs().get(code)


def connector_for_evidence_type(code: str) -> DepartmentConnector | None:
    for connector in REGISTRY.values():
        if any(d.code == code for d in connector.provides):
            return connector
    return None


PERSON = HolderKind.PERSON.value
ORGANISATION = HolderKind.ORGANISATION.value
