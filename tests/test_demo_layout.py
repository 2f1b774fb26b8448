"""The demo loaders follow the arrows of docs/architecture.md, and the applications' benchmark
volume lives in bench/.

A developer relies on `load_demo_data` building each app's demo only after the demos it builds
on, on demo content written as named data, and on the applications app holding no benchmark
generator.
"""

import ast
from importlib import import_module
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PROJECT_APPS = {
    "accounts",
    "services_catalog",
    "portal",
    "search",
    "api",
    "data_exchange",
    "applications",
    "policies",
}


def _demo_files(dotted: str) -> list[Path]:
    module = import_module(dotted)
    path = Path(module.__file__)
    return sorted(path.parent.rglob("*.py")) if path.name == "__init__.py" else [path]


def _apps_imported(files: list[Path]) -> set[str]:
    apps = set()
    for file in files:
        for node in ast.walk(ast.parse(file.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                apps.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                apps.update(alias.name.split(".")[0] for alias in node.names)
    return apps & PROJECT_APPS


def test_each_demo_builds_only_on_demos_loaded_before_it():
    loaded: list[str] = []
    for dotted in settings.DEMO_DATA_LOADERS:
        app = dotted.split(".")[0]
        assert hasattr(import_module(dotted), "load"), f"{dotted} has no load()"
        later = _apps_imported(_demo_files(dotted)) - {app} - set(loaded)
        assert not later, f"{dotted} uses {sorted(later)}, whose demo is not loaded before it"
        loaded.append(app)


def test_demo_content_is_data_modules_not_one_letter_helpers():
    for dotted in settings.DEMO_DATA_LOADERS:
        for file in _demo_files(dotted):
            tree = ast.parse(file.read_text())
            short = [
                node.name
                for node in ast.walk(tree)
                if isinstance(node, ast.FunctionDef) and len(node.name.strip("_")) <= 2
            ]
            short += [
                target.id
                for node in ast.walk(tree)
                if isinstance(node, ast.Assign)
                for target in node.targets
                if isinstance(target, ast.Name) and len(target.id) == 1
            ]
            assert not short, f"{file.relative_to(ROOT)}: one-letter helpers {short}"


def test_the_applications_volume_generator_lives_in_bench():
    commands = [
        path.relative_to(ROOT)
        for app in PROJECT_APPS
        for path in (ROOT / app / "management" / "commands").glob("generate_applications.py")
    ]
    assert commands == []
    assert (ROOT / "bench" / "volume_applications.py").exists()
