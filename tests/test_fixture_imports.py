"""Session fixtures are shared through the root conftest's plugins, never imported.

A test module that imports a session-scoped fixture defines a second one: the department
simulator then ran twice, and a worker talked to the other simulator than the one its test had
put down (two CI failures, issue 11's retry tests). This keeps every test module from importing
fixtures out of a conftest or `tests.fixtures`.
"""

import ast
import importlib
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def test_no_test_module_imports_fixtures():
    offenders = []
    for file in sorted(ROOT.rglob("test_*.py")):
        if {".venv", "node_modules"} & set(file.relative_to(ROOT).parts):
            continue
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                module = node.module
                if module.endswith(".conftest") or module.startswith("tests.fixtures."):
                    imported = importlib.import_module(module)
                    offenders += [
                        f"{file.relative_to(ROOT)}: {alias.name} from {module}"
                        for alias in node.names
                        if _is_fixture(getattr(imported, alias.name, None))
                    ]
    assert offenders == []


def _is_fixture(value) -> bool:
    # pytest >= 8.4 wraps fixtures in FixtureFunctionDefinition; older ones mark the function.
    return type(value).__name__ == "FixtureFunctionDefinition" or hasattr(
        value, "_pytestfixturefunction"
    )
