"""An outside party can check a department's signature with nothing but the published keys and
docs/verification.md — and with another library than the portal's (PyNaCl, not `cryptography`).

Promise: "anyone holding a response from a department can prove who signed it and that it was
not changed, without the portal's code."
"""

from __future__ import annotations

import base64
import json
import math
import urllib.request

import nacl.exceptions
import nacl.signing
import pytest

pytestmark = pytest.mark.django_db


# --- the outside verifier: written from docs/verification.md alone -------------------------
def jcs(value) -> str:
    """RFC 8785 for the JSON values a response holds (objects, arrays, strings, numbers,
    booleans, null): keys sorted by UTF-16 code units, no whitespace, ECMAScript number and
    string forms."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        assert math.isfinite(value)
        if value.is_integer() and abs(value) < 1e21:
            return str(int(value))
        text = repr(value)
        return text.replace("e+0", "e+").replace("e-0", "e-") if "e" in text else text
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ",".join(jcs(v) for v in value) + "]"
    if isinstance(value, dict):
        items = sorted(value.items(), key=lambda kv: kv[0].encode("utf-16-be"))
        return (
            "{" + ",".join(f"{json.dumps(k, ensure_ascii=False)}:{jcs(v)}" for k, v in items) + "}"
        )
    raise TypeError(type(value))


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def outside_verify(envelope: dict, jwks: dict) -> dict:
    """Return the key that signed ``envelope`` or raise nacl's BadSignatureError."""
    signature = envelope["signature"]
    (key,) = [k for k in jwks["keys"] if k["kid"] == signature["key_id"]]
    assert key["kty"] == "OKP" and key["crv"] == "Ed25519" and signature["alg"] == "Ed25519"
    assert envelope["payload"]["issuer"] == key["issuer"]
    assert key["valid_from"] <= envelope["payload"]["issued_at"]
    assert key["revoked_at"] is None
    verify_key = nacl.signing.VerifyKey(b64url_decode(key["x"]))
    verify_key.verify(
        jcs(envelope["payload"]).encode("utf-8"), base64.b64decode(signature["value"])
    )
    return key


# --- the test -------------------------------------------------------------------------------
def _department_response(simulator) -> dict:
    request = {
        "request_id": "outside-check-1",
        "evidence_type": "gongan.household_register",
        "holder_id": "310114198503152317",
        "purpose": "出生登记",
    }
    url = simulator.state["departments"]["gongan"]["url"] + "/evidence"
    http = urllib.request.Request(
        url,
        data=json.dumps(request).encode(),
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(http, timeout=10) as response:
        return json.loads(response.read())


def test_a_real_response_verifies_with_only_the_published_keys(client, simulator, exchange_config):
    response = client.get("/.well-known/department-keys.json")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    jwks = response.json()
    assert jwks["canonicalization"].startswith("RFC 8785")

    envelope = _department_response(simulator)
    key = outside_verify(envelope, jwks)
    assert key["issuer"] == "gongan"

    # One changed character in the payload: the outside verifier refuses it.
    envelope["payload"]["holder_id"] = envelope["payload"]["holder_id"][:-1] + "0"
    with pytest.raises(nacl.exceptions.BadSignatureError):
        outside_verify(envelope, jwks)


def test_the_outside_canonical_form_is_the_signed_form():
    from data_exchange.signing import canonical_json

    sample = {"b": [1, 2.5, 1e21, None, True], "a": "中文\u001f/", "€": {"z": 0, "A": -0.0}}
    assert jcs(sample).encode("utf-8") == canonical_json(sample)
