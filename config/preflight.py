"""Start-up check: can we reach the database and Redis the environment points at, and do
production settings point the department connectors at real departments?

When a backing service is unreachable, or a production connector points at the demo's
department simulator, the program prints one line naming the variable to fix and exits,
instead of a wall of traceback from deep inside a driver (or pulls "verified" by a fake).
"""

from __future__ import annotations

import os
import socket
import sys
from urllib.parse import urlsplit

from config.env import ConfigurationError
from data_exchange.constants import url_setting_name

# Hosts that are never a department's real endpoint.
_LOOPBACK_HOSTS = {"localhost", "::1", "0.0.0.0"}  # noqa: S104 - a host to refuse, not to bind


def _redact(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return parts._replace(netloc=netloc).geturl()
    return url


def _probe_tcp(url: str, default_port: int) -> str | None:
    parts = urlsplit(url)
    host = parts.hostname or "localhost"
    port = parts.port or default_port
    try:
        with socket.create_connection((host, port), timeout=3):
            return None
    except OSError as exc:
        return exc.strerror or str(exc)


def service_problems() -> list[str]:
    """One message per unreachable service, each naming its variable."""
    problems = []
    database_url = os.environ.get("DATABASE_URL", "")
    if database_url.startswith(("postgres://", "postgresql://")):
        error = _probe_tcp(database_url, 5432)
        if error is None:
            error = _probe_postgres(database_url)
        if error:
            problems.append(
                f"cannot reach PostgreSQL at DATABASE_URL={_redact(database_url)}: {error}"
            )
    redis_url = os.environ.get("REDIS_URL", "")
    if redis_url:
        error = _probe_tcp(redis_url, 6379)
        if error:
            problems.append(f"cannot reach Redis at REDIS_URL={_redact(redis_url)}: {error}")
    return problems


def _probe_postgres(url: str) -> str | None:
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is a pinned dependency
        return None
    try:
        psycopg.connect(url, connect_timeout=3).close()
    except psycopg.Error as exc:
        return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return None


def _points_at_simulator(url: str, simulator_host: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return (
        host in _LOOPBACK_HOSTS
        or host.startswith("127.")
        or host.endswith(".localhost")
        or host == (simulator_host or "").lower()
    )


def simulator_problem(settings) -> str | None:
    """With production settings (DATA_EXCHANGE_SIMULATOR_ALLOWED false): one line naming every
    setting that points the connectors at the department simulator, or None."""
    if getattr(settings, "DATA_EXCHANGE_SIMULATOR_ALLOWED", True):
        return None
    names = []
    if getattr(settings, "DATA_EXCHANGE_SIMULATOR_STATE_FILE", ""):
        names.append("DATA_EXCHANGE_SIMULATOR_STATE_FILE")
    simulator_host = getattr(settings, "DATA_EXCHANGE_SIMULATOR_HOST", "")
    for code, url in sorted(getattr(settings, "DATA_EXCHANGE_CONNECTOR_URLS", {}).items()):
        if url and _points_at_simulator(url, simulator_host):
            names.append(f"{url_setting_name(code)}={url}")
    if not names:
        return None
    return (
        f"{', '.join(names)}: production settings must not use the department simulator; "
        "set each department's real endpoint"
    )


def require_services() -> None:
    """Exit with one clear line per problem if configuration or a service is broken."""
    try:
        from django.conf import settings

        settings.INSTALLED_APPS  # noqa: B018 - forces settings to load and validate
    except ConfigurationError as exc:
        sys.stderr.write(f"error: {exc}\n")
        raise SystemExit(2) from None
    problem = simulator_problem(settings)
    if problem:
        sys.stderr.write(f"error: {problem}\n")
        raise SystemExit(2)
    problems = service_problems()
    for problem in problems:
        sys.stderr.write(f"error: {problem}\n")
    if problems:
        raise SystemExit(2)
