"""app/ is the Qt-free core: importing every module of it must not load PySide6."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import app

ROOT = Path(__file__).resolve().parent.parent


def _app_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(app.__path__, "app."))


def test_the_core_has_the_modules_we_expect():
    modules = _app_modules()
    for name in ("app.cells", "app.checks", "app.cli", "app.formatdef", "app.report", "app.storage",
                 "app.carryover", "app.checks.mentions", "app.paths"):
        assert name in modules


def test_importing_every_app_module_does_not_load_pyside6():
    modules = _app_modules()
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "from app.cli import build_parser\n"
        "build_parser()\n"  # the subcommands registered from other modules are imported here
        "loaded = sorted(m for m in sys.modules if m == 'PySide6' or m.startswith(('PySide6.', 'shiboken')))\n"
        "print(','.join(loaded))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "", f"Qt was loaded by the core: {done.stdout.strip()}"


def test_a_check_from_the_command_line_does_not_load_pyside6(tmp_path):
    code = (
        "import sys\n"
        "from app.cli import main\n"
        f"code = main(['check', {str(ROOT / 'resources' / 'examples' / 'tianshan-2024.nianbao')!r}])\n"
        "assert 'PySide6' not in sys.modules, 'PySide6 loaded'\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr

