"""The department simulator as a real process, shared by this app's tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


class SimulatorProcess:
    def __init__(self, state_file: Path):
        self.state_file = state_file
        self.proc: subprocess.Popen | None = None
        self.state: dict = {}

    def start(self) -> SimulatorProcess:
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "data_exchange.simulator",
                "--base-port",
                "0",
                "--state-file",
                str(self.state_file),
            ],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.state_file.exists():
                self.state = json.loads(self.state_file.read_text())
                return self
            if self.proc.poll() is not None:
                raise RuntimeError("simulator exited early")
            time.sleep(0.05)
        raise RuntimeError("simulator did not start")

    def control(self, department: str = "*", mode: str = "normal", delay_ms: int = 0) -> dict:
        body = json.dumps({"department": department, "mode": mode, "delay_ms": delay_ms}).encode()
        request = urllib.request.Request(
            self.state["control"] + "/control", data=body, method="POST"
        )
        with urllib.request.urlopen(request, timeout=5) as response:
            return json.loads(response.read())

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


@pytest.fixture(scope="session")
def simulator_process(tmp_path_factory):
    state_file = tmp_path_factory.mktemp("simulator") / "simulator.json"
    process = SimulatorProcess(state_file).start()
    # Worker processes started by tests inherit this and find the same simulator.
    os.environ["DATA_EXCHANGE_SIMULATOR_STATE_FILE"] = str(state_file)
    yield process
    process.stop()


@pytest.fixture
def simulator(simulator_process, settings):
    """The running simulator, every department back to normal after the test."""
    settings.DATA_EXCHANGE_SIMULATOR_STATE_FILE = str(simulator_process.state_file)
    settings.DATA_EXCHANGE_CONNECTOR_URLS = {}
    simulator_process.control("*", "normal", 0)
    yield simulator_process
    simulator_process.control("*", "normal", 0)


@pytest.fixture
def exchange_config(db):
    """Demo key registry and access rules, and every department's circuit breaker closed: the
    breaker lives in the cache shared by the session's tests (Redis in CI), and a test that
    left a department's breaker open must not change what the next one sees."""
    from accounts.models import Department
    from data_exchange import demo
    from data_exchange.services.breaker import breaker_reset

    for code in Department.objects.values_list("code", flat=True):
        breaker_reset(code)
    for code in ("gongan", "rsj", "scjg", "swj", "mzj", "wjw", "bdc", "jyj", "zjw", "jtw"):
        breaker_reset(code)

    demo.keys_load()
    demo.rules_load()
