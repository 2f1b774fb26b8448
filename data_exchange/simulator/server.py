"""The department services: a ThreadingHTTPServer per department plus a control server.

Endpoints of each department (JSON over HTTP):
- GET  /health                       -> signed {"status": "ok", ...} (the key id it signs with)
- POST /evidence                     -> signed evidence response for a request (see docs)
- POST /identity/verify              -> signed {"match": bool} (real-name check)
- GET  /licences/<identifier>/status -> signed {"status": "valid" | "revoked" | "unknown"}

Control server (base port): GET / (state) and POST /control
{"department": "gongan" | "*", "mode": "normal|down|slow|error|tampered|expired_key|
unknown_key|replay|wrong_request_hash", "delay_ms": 100}. "down" closes the department's
listening socket (connection refused) until it is switched back.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote

from data_exchange import signing
from data_exchange.simulator import records

MODES = (
    "normal",
    "down",
    "slow",
    "error",
    "tampered",
    "expired_key",
    "unknown_key",
    "replay",
    "wrong_request_hash",
)
CST = dt.timezone(dt.timedelta(hours=8))
DATA_VALIDITY_DAYS = 30


def _now() -> dt.datetime:
    return dt.datetime.now(tz=CST).replace(microsecond=0)


def licence_metadata(*, department: str, evidence_type: str, holder_id: str, record: dict) -> dict:
    name, seq = records.LICENCE_TYPES[evidence_type]
    dept_name, dept_uscc, _offset = records.DEPARTMENTS[department]
    meta = record["_licence"]
    type_code = dept_uscc + seq
    holder_name = (
        record.get("name") or record.get("owner_name") or records.PERSONS.get(holder_id, "")
    )
    return {
        "name": name,
        "type_code": type_code,
        "number": meta["number"],
        "identifier": f"{type_code}.{meta['number']}",
        "issuer_name": dept_name,
        "issuer_code": dept_uscc,
        "issue_date": meta["issue_date"],
        "valid_from": meta["issue_date"],
        "valid_until": meta.get("valid_until"),
        "holder_name": holder_name,
        "holder_code": holder_id,
        "holder_code_type": "001"
        if len(holder_id) == 18 and holder_id in records.ORGANISATIONS
        else "111",
    }


class Department:
    """One department's records, keys and current failure mode."""

    def __init__(self, code: str, *, seed: str, host: str, port: int):
        self.code = code
        self.name, self.uscc, _offset = records.DEPARTMENTS[code]
        self.seed = seed
        self.host = host
        self.port = port
        self.mode = "normal"
        self.delay_ms = 0
        self.last_evidence_body: bytes | None = None
        self.httpd: ThreadingHTTPServer | None = None
        self.lock = threading.Lock()

    # --- keys ---------------------------------------------------------------------------
    def signing_key(self) -> tuple[object, str]:
        generation = {"expired_key": "2023", "unknown_key": "rogue"}.get(self.mode, "2026")
        key = signing.demo_private_key(seed=self.seed, department=self.code, generation=generation)
        return key, signing.demo_key_id(self.code, generation)

    def sign(self, payload: dict) -> dict:
        key, key_id = self.signing_key()
        payload = {**payload, "key_id": key_id}
        return signing.sign_envelope(
            payload=payload, scheme="Ed25519", private_key=key, key_id=key_id
        )

    def base_payload(self) -> dict:
        return {
            "schema": "ywtb.exchange.v1",
            "response_id": str(uuid.uuid4()),
            "issuer": self.code,
            "issuer_name": self.name,
            "issuer_uscc": self.uscc,
            "issued_at": _now().isoformat(),
        }

    # --- endpoints ----------------------------------------------------------------------
    def evidence(self, request: dict) -> tuple[int, bytes]:
        if self.mode == "replay" and self.last_evidence_body is not None:
            return 200, self.last_evidence_body
        evidence_type = str(request.get("evidence_type", ""))
        holder_id = str(request.get("holder_id", "")).upper()
        if records.evidence_department(evidence_type) != self.code:
            return 400, json.dumps({"error": "evidence type not provided here"}).encode()
        held = records.RECORDS.get(evidence_type, {}).get(holder_id) or []
        now = _now()
        payload = self.base_payload()
        payload.update(
            {
                "evidence_type": evidence_type,
                "holder_id": holder_id,
                "holder_id_type": "001" if holder_id in records.ORGANISATIONS else "111",
                "request_id": request.get("request_id", ""),
                "request_hash": signing.request_hash(request),
                "valid_from": now.isoformat(),
                "valid_until": (now + dt.timedelta(days=DATA_VALIDITY_DAYS)).isoformat(),
            }
        )
        if self.mode == "wrong_request_hash":
            payload["request_hash"] = signing.request_hash({**request, "nonce": "other"})
        status = 200
        if not held:
            payload.update({"status": "not_found", "record": None})
            status = 404
        else:
            record = held[0]
            wanted = request.get("fields") or [k for k in record if not k.startswith("_")]
            payload["status"] = "found"
            payload["record"] = {
                k: record[k] for k in wanted if k in record and not k.startswith("_")
            }
            if evidence_type in records.LICENCE_TYPES and "_licence" in record:
                payload["licence"] = licence_metadata(
                    department=self.code,
                    evidence_type=evidence_type,
                    holder_id=holder_id,
                    record=record,
                )
        body = json.dumps(self.sign(payload), ensure_ascii=False).encode("utf-8")
        if self.mode == "tampered":
            body = flip_one_byte(body)
        if status == 200:
            self.last_evidence_body = body
        return status, body

    def identity_verify(self, request: dict) -> tuple[int, bytes]:
        holder_id = str(request.get("holder_id", "")).upper()
        name = str(request.get("name", "")).strip()
        register = records.PERSONS if self.code == "gongan" else records.ORGANISATIONS
        if self.code not in ("gongan", "scjg"):
            return 404, b'{"error": "no identity register here"}'
        payload = self.base_payload()
        payload.update(
            {
                "holder_id": holder_id,
                "request_id": request.get("request_id", ""),
                "request_hash": signing.request_hash(request),
                "match": register.get(holder_id) == name and bool(name),
                "found": holder_id in register,
            }
        )
        legal = request.get("legal_representative")
        if self.code == "scjg" and isinstance(legal, dict):
            # 法定代表人 check: name + 身份证号 against the register, answered in the signed body.
            expected = records.LEGAL_REPRESENTATIVES.get(holder_id)
            given = (str(legal.get("name", "")).strip(), str(legal.get("id_number", "")).upper())
            payload["legal_representative_match"] = bool(expected) and given == expected
        return 200, json.dumps(self.sign(payload), ensure_ascii=False).encode("utf-8")

    def licence_status(self, identifier: str) -> tuple[int, bytes]:
        known = set()
        for evidence_type, holders in records.RECORDS.items():
            if records.evidence_department(evidence_type) != self.code:
                continue
            if evidence_type not in records.LICENCE_TYPES:
                continue
            for holder_id, held in holders.items():
                for record in held:
                    if "_licence" in record:
                        meta = licence_metadata(
                            department=self.code,
                            evidence_type=evidence_type,
                            holder_id=holder_id,
                            record=record,
                        )
                        known.add(meta["identifier"])
        status = (
            "revoked"
            if identifier in records.REVOKED_LICENCES
            else ("valid" if identifier in known else "unknown")
        )
        payload = self.base_payload()
        payload.update({"identifier": identifier, "status": status})
        return 200, json.dumps(self.sign(payload), ensure_ascii=False).encode("utf-8")

    def health(self) -> tuple[int, bytes]:
        payload = self.base_payload()
        payload.update({"status": "ok", "department": self.code})
        return 200, json.dumps(self.sign(payload), ensure_ascii=False).encode("utf-8")

    # --- lifecycle ----------------------------------------------------------------------
    def start(self) -> None:
        with self.lock:
            if self.httpd is not None:
                return
            httpd = ThreadingHTTPServer((self.host, self.port), DepartmentHandler)
            httpd.daemon_threads = True
            httpd.department = self  # type: ignore[attr-defined]
            self.port = httpd.server_address[1]
            self.httpd = httpd
            threading.Thread(target=httpd.serve_forever, daemon=True).start()

    def stop(self) -> None:
        with self.lock:
            if self.httpd is None:
                return
            self.httpd.shutdown()
            self.httpd.server_close()
            self.httpd = None

    def set_mode(self, mode: str, delay_ms: int | None) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}")
        self.mode = mode
        if delay_ms is not None:
            self.delay_ms = max(0, int(delay_ms))
        if mode == "down":
            self.stop()
        else:
            self.start()
        if mode != "replay":
            self.last_evidence_body = None if mode == "normal" else self.last_evidence_body

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"


def flip_one_byte(body: bytes) -> bytes:
    """Flip the lowest bit of the first digit inside the signed record: a one-byte change."""
    start = body.find(b'"record"')
    for index in range(max(start, 0), len(body)):
        if 0x30 <= body[index] <= 0x39:
            return body[:index] + bytes([body[index] ^ 0x01]) + body[index + 1 :]
    return body


class DepartmentHandler(BaseHTTPRequestHandler):
    server_version = "DeptSim/1.0"
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        return

    def _send(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _prelude(self) -> bool:
        department: Department = self.server.department  # type: ignore[attr-defined]
        if department.delay_ms:
            time.sleep(department.delay_ms / 1000)
        if department.mode == "error":
            self._send(500, b'{"error": "internal error"}')
            return False
        return True

    def _json_body(self) -> dict:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b"{}"
        try:
            value = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return {}
        return value if isinstance(value, dict) else {}

    def do_GET(self) -> None:
        department: Department = self.server.department  # type: ignore[attr-defined]
        if not self._prelude():
            return
        if self.path == "/health":
            self._send(*department.health())
        elif self.path.startswith("/licences/") and self.path.endswith("/status"):
            identifier = self.path[len("/licences/") : -len("/status")]
            self._send(*department.licence_status(unquote(identifier)))
        else:
            self._send(404, b'{"error": "not found"}')

    def do_POST(self) -> None:
        department: Department = self.server.department  # type: ignore[attr-defined]
        body = self._json_body()
        if not self._prelude():
            return
        if self.path == "/evidence":
            self._send(*department.evidence(body))
        elif self.path == "/identity/verify":
            self._send(*department.identity_verify(body))
        else:
            self._send(404, b'{"error": "not found"}')


class Simulator:
    def __init__(self, *, host: str, base_port: int, seed: str):
        self.host = host
        self.departments: dict[str, Department] = {}
        for code, (_name, _uscc, offset) in records.DEPARTMENTS.items():
            port = base_port + offset if base_port else 0
            self.departments[code] = Department(code, seed=seed, host=host, port=port)
        self.control_port = base_port
        self.control: ThreadingHTTPServer | None = None

    def start(self) -> None:
        for department in self.departments.values():
            department.start()
        control = ThreadingHTTPServer((self.host, self.control_port), ControlHandler)
        control.daemon_threads = True
        control.simulator = self  # type: ignore[attr-defined]
        self.control = control
        self.control_port = control.server_address[1]
        threading.Thread(target=control.serve_forever, daemon=True).start()

    def stop(self) -> None:
        for department in self.departments.values():
            department.stop()
        if self.control:
            self.control.shutdown()
            self.control.server_close()

    def state(self) -> dict:
        return {
            "control": f"http://{self.host}:{self.control_port}",
            "departments": {
                code: {"url": d.url, "mode": d.mode, "delay_ms": d.delay_ms}
                for code, d in self.departments.items()
            },
        }


class ControlHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        return

    def _send(self, status: int, value: dict) -> None:
        body = json.dumps(value, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self._send(200, self.server.simulator.state())  # type: ignore[attr-defined]

    def do_POST(self) -> None:
        simulator: Simulator = self.server.simulator  # type: ignore[attr-defined]
        length = int(self.headers.get("Content-Length") or 0)
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
            target = body.get("department", "*")
            codes = list(simulator.departments) if target == "*" else [target]
            for code in codes:
                simulator.departments[code].set_mode(
                    body.get("mode", "normal"), body.get("delay_ms")
                )
        except (KeyError, ValueError, json.JSONDecodeError) as exc:
            self._send(400, {"error": str(exc)})
            return
        self._send(200, simulator.state())
