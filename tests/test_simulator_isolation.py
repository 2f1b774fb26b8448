"""Production code never imports the department simulator.

The simulator (data_exchange/simulator/) plays the departments for the demo and the tests. An
operator relies on a production process not carrying it: no module outside the demo, the
tests, bench/ and the simulator's own launcher imports it; and a process started with
production settings has not loaded it (tests/test_preflight.py).
"""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SIMULATOR = "data_exchange.simulator"
# Where importing the simulator is its purpose: its package, its launcher, demo content.
ALLOWED = {
    Path("data_exchange/simulator"),
    Path("data_exchange/management/commands/run_department_simulator.py"),
}
NOT_PRODUCTION = {"tests", "demo", "migrations"}


def _production_files():
    for file in sorted(ROOT.rglob("*.py")):
        rel = file.relative_to(ROOT)
        if rel.parts[0] in {".venv", "vendor", "var", "bench", "tests", "node_modules"}:
            continue
        if NOT_PRODUCTION & set(rel.parts) or rel.name == "conftest.py":
            continue
        if any(rel == allowed or allowed in rel.parents for allowed in ALLOWED):
            continue
        yield rel


def _names_simulator(node: ast.AST) -> bool:
    if isinstance(node, ast.Import):
        return any(a.name == SIMULATOR or a.name.startswith(SIMULATOR + ".") for a in node.names)
    if isinstance(node, ast.ImportFrom):
        module = node.module or ""
        if module == "data_exchange":
            return any(a.name == "simulator" for a in node.names)
        return module == SIMULATOR or module.startswith(SIMULATOR + ".")
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.startswith(SIMULATOR)  # import_module("data_exchange.simulator…")
    return False


def test_no_production_module_imports_the_simulator():
    found = [
        f"{rel}:{node.lineno}"
        for rel in _production_files()
        for node in ast.walk(ast.parse((ROOT / rel).read_text()))
        if _names_simulator(node)
    ]
    assert not found, f"production code imports the simulator: {found}"


def test_the_check_sees_each_way_of_importing_it():
    for source in (
        "import data_exchange.simulator.server",
        "from data_exchange.simulator import records",
        "from data_exchange import simulator",
        "importlib.import_module('data_exchange.simulator.records')",
    ):
        assert any(_names_simulator(node) for node in ast.walk(ast.parse(source))), source
