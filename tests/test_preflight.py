"""Start-up with an unreachable database or Redis prints one line naming the variable."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DATABASE_URL", "postgres://postgres@127.0.0.1:1/nowhere"),
        ("REDIS_URL", "redis://127.0.0.1:1/0"),
    ],
)
def test_unreachable_service_prints_one_clear_line(variable, value):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env[variable] = value
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,  # a bound against a hang, not a speed check
    )
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert variable in lines[0]
    assert "Traceback" not in result.stderr


def test_bad_database_url_scheme_is_named():
    env = {
        **os.environ,
        "DATABASE_URL": "mysql://x@localhost/db",
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,  # a bound against a hang, not a speed check
    )
    assert result.returncode == 2
    assert "DATABASE_URL" in result.stderr
    assert "Traceback" not in result.stderr


def _production_env(**extra: str) -> dict[str, str]:
    """Production settings with the required secrets, SQLite and no simulator anywhere."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "REDIS_URL") and not k.startswith("DATA_EXCHANGE_")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="preflight-test-secret-key-0123456789abcdef",
        ALLOWED_HOSTS="portal.example.gov.cn",
        FIELD_ENCRYPTION_KEYS="n3s0lOZ1cDtAq5wJrjH3G8ZEq2m4J0kq2Xv0n1yZ6aM=",
        **extra,
    )
    return env


def _check(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,  # a bound against a hang, not a speed check
    )


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DATA_EXCHANGE_URL_GONGAN", "http://127.0.0.1:8701"),
        ("DATA_EXCHANGE_URL_RSJ", "http://localhost:8703/"),
        ("DATA_EXCHANGE_SIMULATOR_STATE_FILE", "/tmp/simulator.json"),
    ],
)
def test_production_refuses_to_start_with_a_simulator_url(variable, value):
    """An operator who left a demo URL in production learns which setting, in one line."""
    result = _check(_production_env(**{variable: value}))
    assert result.returncode == 2, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert variable in lines[0]
    assert "simulator" in lines[0]
    assert "Traceback" not in result.stderr


def test_production_starts_with_real_department_urls():
    result = _check(_production_env(DATA_EXCHANGE_URL_GONGAN="https://gongan.example.gov.cn/x"))
    assert "simulator" not in result.stderr
    assert result.returncode == 0, result.stderr


SIMULATOR_PROBE = """
import json, sys
import django
django.setup()
from django.urls import get_resolver
get_resolver().url_patterns  # every URL module, the admin and Wagtail hooks
from config.celery import app
app.loader.import_default_modules()  # every app's tasks
print(json.dumps(sorted(m for m in sys.modules if m.startswith("data_exchange.simulator"))))
"""


def test_a_production_process_does_not_load_the_simulator():
    """URLs, admin, Wagtail hooks and every app's tasks loaded: still no simulator module."""
    env = _production_env(DATA_EXCHANGE_URL_GONGAN="https://gongan.example.gov.cn/x")
    result = subprocess.run(
        [sys.executable, "-c", SIMULATOR_PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []
