"""`python -m data_exchange.simulator [--host H] [--base-port N] [--state-file PATH]`.

Base port 0 picks free ports (tests); the chosen URLs are written to the state file,
which the portal's connectors read when no explicit URL is configured.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from pathlib import Path

from data_exchange.simulator.server import Simulator


def default_state_file() -> Path:
    var_dir = Path(os.environ.get("VAR_DIR") or Path(__file__).resolve().parents[2] / "var")
    return var_dir / "data_exchange" / "simulator.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Department simulator for the data exchange")
    parser.add_argument(
        "--host", default=os.environ.get("DATA_EXCHANGE_SIMULATOR_HOST", "127.0.0.1")
    )
    parser.add_argument(
        "--base-port",
        type=int,
        default=int(os.environ.get("DATA_EXCHANGE_SIMULATOR_BASE_PORT", "8700")),
    )
    parser.add_argument("--state-file", default=None)
    parser.add_argument(
        "--seed", default=os.environ.get("DATA_EXCHANGE_DEMO_KEY_SEED", "ywtb-demo-department-keys")
    )
    args = parser.parse_args(argv)
    simulator = Simulator(host=args.host, base_port=args.base_port, seed=args.seed)
    try:
        simulator.start()
    except OSError as exc:
        if args.base_port == 0:
            raise
        print(
            f"simulator: base port {args.base_port} busy ({exc}); using free ports", file=sys.stderr
        )
        simulator.stop()
        simulator = Simulator(host=args.host, base_port=0, seed=args.seed)
        simulator.start()
    state_file = Path(args.state_file) if args.state_file else default_state_file()
    state_file.parent.mkdir(parents=True, exist_ok=True)
    state = {**simulator.state(), "pid": os.getpid()}
    tmp = state_file.with_suffix(".tmp")
    tmp.write_text(json.dumps(state, ensure_ascii=False, indent=2))
    tmp.replace(state_file)
    print(f"department simulator ready: control {state['control']}", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *a: stop.set())
    signal.signal(signal.SIGINT, lambda *a: stop.set())
    stop.wait()
    simulator.stop()
    try:
        if json.loads(state_file.read_text()).get("pid") == os.getpid():
            state_file.unlink()
    except (OSError, ValueError):
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
