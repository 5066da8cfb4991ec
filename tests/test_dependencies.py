"""Every module the code imports is declared in pyproject.toml: the apps' imports among the
runtime dependencies, the tests' among runtime and dev. A module that only arrives through
another package (PyYAML through schemathesis, say) would vanish when that package changes."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
LOCAL = {p.name for p in ROOT.iterdir() if (p / "__init__.py").exists()} | {"tests", "bench"}
# A module that more than one distribution provides (an environment made before the switch
# to the binary wheels still has psycopg2 built from source).
SAME_MODULE = {"psycopg2": {"psycopg2", "psycopg2-binary"}}


def _name(requirement: str) -> str:
    return re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9_.-]+", requirement).group()).lower()


RUNTIME = {_name(r) for r in PYPROJECT["project"]["dependencies"]}
DEV = {_name(r) for r in PYPROJECT["project"]["optional-dependencies"]["dev"]}


def _imports(*folders: str) -> set[str]:
    modules: set[str] = set()
    for folder in folders:
        for path in (ROOT / folder).glob("**/*.py"):
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if isinstance(node, ast.Import):
                    modules |= {alias.name.split(".")[0] for alias in node.names}
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    modules.add(node.module.split(".")[0])
    return modules - set(sys.stdlib_module_names) - LOCAL


def _undeclared(modules: set[str], declared: set[str]) -> dict[str, set[str]]:
    installed = packages_distributions()
    missing = {}
    for module in sorted(modules):
        names = SAME_MODULE.get(module) or {_name(d) for d in installed.get(module, [module])}
        if not names & declared:
            missing[module] = names
    return missing


def test_every_module_the_apps_import_is_a_runtime_dependency():
    apps = sorted(LOCAL - {"tests", "bench"})
    assert _undeclared(_imports(*apps), RUNTIME) == {}


def test_every_module_the_tests_import_is_declared():
    assert _undeclared(_imports("tests"), RUNTIME | DEV) == {}


def _locked(lock: str) -> set[str]:
    lines = (ROOT / lock).read_text().splitlines()
    return {_name(line) for line in lines if line and not line.startswith((" ", "#", "-"))}


def test_the_lock_files_pin_every_declared_dependency():
    # `make lock` made them from pyproject.toml; a dependency added without it is caught here.
    assert RUNTIME - _locked("requirements.lock") == set()
    assert (RUNTIME | DEV) - _locked("requirements-dev.lock") == set()
