"""No services↔tasks cycle hides inside a function.

Tasks import the services they call at the top of the module; a service reaches a task only by
name, through config.tasks.enqueue/send (docs/architecture.md). A developer relies on this so
that the import graph is the one the files show: an import tucked into a function body is how
such a cycle used to hide (issue 10 counted 128 function-local imports).
"""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SKIP = {"tests", "migrations", "demo"}


def _production_files():
    for app in settings.INSTALLED_APPS:
        path = ROOT / app.split(".")[0]
        if "." in app or not path.is_dir():
            continue
        for file in sorted(path.rglob("*.py")):
            if not SKIP & set(file.relative_to(ROOT).parts):
                yield file


def _kind(dotted: str) -> str:
    """'services' or 'tasks' when a module path names one of them, else ''."""
    parts = dotted.split(".")
    if parts[0] == "config":  # config.tasks is the one sanctioned way in
        return ""
    if "tasks" in parts[1:]:
        return "tasks"
    if "services" in parts[1:]:
        return "services"
    return ""


def _module(file: Path) -> str:
    rel = file.relative_to(ROOT).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def _imported(node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    return [base] + [f"{base}.{alias.name}" for alias in node.names]


def _function_local_imports(tree: ast.Module):
    for func in ast.walk(tree):
        if isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(func):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    yield func.name, node


def test_no_function_local_import_between_services_and_tasks():
    found = set()
    for file in _production_files():
        here = _module(file)
        kind = _kind(here)
        if not kind:
            continue
        other = "tasks" if kind == "services" else "services"
        for func, node in _function_local_imports(ast.parse(file.read_text())):
            if any(_kind(name) == other for name in _imported(node)):
                found.add(f"{file.relative_to(ROOT)}:{node.lineno} in {func}()")
    assert not found, "function-local services↔tasks imports: " + ", ".join(sorted(found))


def test_services_never_import_their_own_tasks():
    """Not even at the top: the tasks import the services, so that would be the cycle itself."""
    found = []
    for file in _production_files():
        here = _module(file)
        if _kind(here) != "services":
            continue
        app = here.split(".")[0]
        for node in ast.walk(ast.parse(file.read_text())):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = _imported(node)
                if any(n.split(".")[0] == app and _kind(n) == "tasks" for n in names):
                    found.append(f"{file.relative_to(ROOT)}:{node.lineno}")
    assert not found, "services importing their app's tasks: " + ", ".join(found)


def test_the_check_sees_a_hidden_cycle():
    """The checker itself: a task imported inside a service function is reported."""
    tree = ast.parse("def enqueue_it():\n    from hall.tasks import notice_send\n")
    names = [n for _f, node in _function_local_imports(tree) for n in _imported(node)]
    assert any(_kind(n) == "tasks" for n in names)
