"""The house rules of the code base (docs/architecture.md): apps by concept, each importing only
the apps below it, small files and functions, and a README that names every app."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Top first: an app may import only the apps after it. kpss_site wires them all.
LAYERS = [
    "kpss_site",
    "demo",
    "backups",
    "accounts",
    "audit",
    "evidence",
    "monitoring",
    "consultation",
    "workflows",
    "privacy",
    "search",
    "caching",
    "kpss_pages",
]
MAX_FILE_LINES = 400
MAX_FUNCTION_LINES = 60


def sources(app):
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def imported_apps(path):
    """Project apps `path` imports, anywhere in the module (inside functions too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found |= {name.split(".")[0] for name in names} & set(LAYERS)
    return found


def test_every_project_package_is_a_layer():
    packages = {
        path.parent.name
        for path in ROOT.glob("*/__init__.py")
        if path.parent.name not in {"tests", "bench"}
    }
    assert packages == set(LAYERS)


@pytest.mark.parametrize("app", LAYERS)
def test_an_app_imports_only_the_apps_below_it(app):
    allowed = set(LAYERS[LAYERS.index(app) :])
    wrong = {
        str(path.relative_to(ROOT)): sorted(imported_apps(path) - allowed)
        for path in sources(app)
        if imported_apps(path) - allowed
    }
    assert wrong == {}


def test_the_content_app_imports_no_other_app():
    imports = set().union(*(imported_apps(path) for path in sources("kpss_pages")))
    assert imports <= {"kpss_pages"}


def test_no_source_file_is_longer_than_the_limit():
    long = {
        str(path.relative_to(ROOT)): lines
        for app in LAYERS
        for path in sources(app)
        if (lines := len(path.read_text().splitlines())) > MAX_FILE_LINES
    }
    assert long == {}


def test_no_function_is_longer_than_the_limit():
    long = {}
    for app in LAYERS:
        for path in sources(app):
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    lines = node.end_lineno - node.lineno + 1
                    if lines > MAX_FUNCTION_LINES:
                        long[f"{path.relative_to(ROOT)}:{node.lineno} {node.name}"] = lines
    assert long == {}


def test_the_readme_names_every_app_once():
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## What is inside", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([a-z_]+)/` \|", section, re.MULTILINE)
    assert sorted(rows) == sorted([*LAYERS, "templates", "tests", "bench", "docs"])


def test_the_wagtail_patches_refuse_another_wagtail_version(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    import wagtail

    from workflows import wagtail_patches

    monkeypatch.setattr(wagtail, "VERSION", (8, 1, 0, "final", 0))
    with pytest.raises(ImproperlyConfigured, match="written for Wagtail 8.0"):
        wagtail_patches.install()
