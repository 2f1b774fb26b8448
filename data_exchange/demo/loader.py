"""Demo content of the data_exchange app: department keys, access rules and wallet licences.

The demo departments' Ed25519 keys are derived from DATA_EXCHANGE_DEMO_KEY_SEED, the same
seed the simulator signs with. Wallet licences are fetched over HTTP from the department
simulator, started as a real process for the load, through the same path as the wallet's
刷新 button (signed, verified and logged).
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import transaction

from accounts.models import Department, User
from data_exchange import signing
from data_exchange.connectors import REGISTRY
from data_exchange.constants import INTERNAL_USES, SERVICE_WALLET
from data_exchange.demo.access_rules import ACCESS_RULES, DEMO_PURPOSE, NOTES
from data_exchange.models import AccessRule, Licence, SigningKey
from data_exchange.simulator import records


def _wallet_rules() -> dict[str, list[str]]:
    return {d.code: d.field_keys for c in REGISTRY.values() for d in c.provides if d.is_licence}


def keys_load() -> int:
    seed = settings.DATA_EXCHANGE_DEMO_KEY_SEED
    count = 0
    for department in records.DEPARTMENTS:
        for generation, (valid_from, valid_until) in signing.DEMO_KEY_GENERATIONS.items():
            SigningKey.objects.update_or_create(
                key_id=signing.demo_key_id(department, generation),
                defaults={
                    "issuer": department,
                    "algorithm": "Ed25519",
                    "public_key": signing.demo_public_key_b64(
                        seed=seed, department=department, generation=generation
                    ),
                    "valid_from": dt.datetime.fromisoformat(valid_from),
                    "valid_until": dt.datetime.fromisoformat(valid_until),
                },
            )
            count += 1
    return count


def rules_load() -> int:
    """The internal uses' rules, and the demo services' approved sharing agreements (which
    write those services' rules: an agreement is the only source of a service's access)."""
    from data_exchange.services import agreement_approved_ensure

    count = 0
    all_rules = {**ACCESS_RULES, SERVICE_WALLET: _wallet_rules()}
    for service_code, types in all_rules.items():
        for evidence_type, fields in types.items():
            if service_code in INTERNAL_USES:
                AccessRule.objects.update_or_create(
                    service_code=service_code,
                    evidence_type=evidence_type,
                    defaults={"fields": fields, "active": True, "note": NOTES[service_code]},
                )
            else:
                agreement_approved_ensure(
                    service_code=service_code,
                    evidence_type=evidence_type,
                    fields=fields,
                    purpose=DEMO_PURPOSE,
                    requesting_department=Department.objects.filter(
                        code=service_code.split("-")[0].lower()
                    ).first(),
                )
            count += 1
    return count


@contextmanager
def _departments_reachable():
    """The departments for the load: the configured connectors, or the simulator started as a
    real process on free ports just for the load (a running demo's simulator is left alone)."""
    urls = settings.DATA_EXCHANGE_CONNECTOR_URLS
    if urls and all(urls.values()):  # every department has a real endpoint
        yield
        return
    workdir = Path(tempfile.mkdtemp(prefix="ywtb-demo-simulator-"))
    state_file = workdir / "simulator.json"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "data_exchange.simulator",
            "--base-port",
            "0",
            "--state-file",
            str(state_file),
        ],
        cwd=settings.BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    previous = settings.DATA_EXCHANGE_SIMULATOR_STATE_FILE
    try:
        deadline = time.monotonic() + 30
        while not state_file.exists():
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the department simulator did not start")
            time.sleep(0.1)
        settings.DATA_EXCHANGE_SIMULATOR_STATE_FILE = str(state_file)
        yield
    finally:
        settings.DATA_EXCHANGE_SIMULATOR_STATE_FILE = previous
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(workdir, ignore_errors=True)


def licences_load() -> int:
    """Fill the demo holders' wallets the way a citizen does: 刷新 fetches each licence over
    HTTP from the issuing department, verifies its signature and logs the access."""
    from data_exchange.services import wallet_refresh

    count = 0
    with _departments_reachable():
        for user in User.objects.filter(username__in=["citizen", "citizen2", "business"]):
            results = wallet_refresh(actor=user)
            count += sum(1 for outcome in results.values() if outcome == "ok")
    return count


@transaction.atomic
def load(*, stdout=None) -> None:
    """Idempotently create this app's demo content."""
    keys = keys_load()
    rules = rules_load()
    licences = licences_load() if not Licence.objects.exists() else Licence.objects.count()
    if stdout is not None:
        stdout.write(
            f"  data_exchange: {keys} keys, {rules} access rules and agreements,"
            f" {licences} licences"
        )
