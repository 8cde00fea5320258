"""What goes into the desktop bundle: version, excluded modules, Qt plugins and translations, unused libraries.

Shared by ``nianbao.spec`` (PyInstaller), ``linux/build_deb.py`` and the tests; no PyInstaller import here,
so the rules can be tested on any machine. The spec applies them after PyInstaller's analysis:

1. Python modules in ``EXCLUDES`` are never collected (the app is offline and uses only QtCore, QtGui and
   QtWidgets; python-docx needs only ``lxml.etree``).
2. Of Qt's plugins only those in ``KEEP_PLUGINS`` stay: the window system (xcb on Linux, windows on
   Windows), offscreen (screenshots, the start-up check), the input-method bridges (Chinese input on Linux),
   the desktop portal (native file dialogs on Linux) and the Windows 11 style.
3. Of Qt's translations only ``KEEP_TRANSLATIONS`` (Simplified Chinese for Qt's own dialogs) stays.
4. Shared libraries that nothing kept links to any more (the libraries of dropped plugins: GTK, Wayland,
   EGL, OpenGL, Qt Network, the software OpenGL renderer on Windows) are dropped.
"""

from __future__ import annotations

import ast
import ntpath
import posixpath
import re
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath, PureWindowsPath

ROOT = Path(__file__).resolve().parent.parent
APP_NAME = "nianbao"
DISPLAY_NAME = "年报编制助手"
DESCRIPTION = "政务公开年报编制助手"

EXCLUDES = [
    # Python standard library parts the app never uses (and OpenSSL with them: no network).
    "tkinter", "_tkinter", "unittest", "doctest", "pdb", "pydoc", "pydoc_data", "lib2to3", "distutils",
    "xmlrpc", "http.server", "ftplib", "ssl", "_ssl", "_hashlib", "curses", "readline", "sqlite3",
    # Build tools and optional third-party imports (Pillow is kept: it draws 一图读懂, app/infographic).
    "setuptools", "pip", "numpy", "IPython",
    # Qt modules the app does not import.
    "PySide6.QtNetwork", "PySide6.QtDBus", "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets", "PySide6.QtQml",
    "PySide6.QtQuick", "PySide6.QtQuickWidgets", "PySide6.QtQuickControls2", "PySide6.QtPdf",
    "PySide6.QtPdfWidgets", "PySide6.QtSvg", "PySide6.QtSvgWidgets", "PySide6.QtPrintSupport", "PySide6.QtSql",
    "PySide6.QtXml", "PySide6.QtTest", "PySide6.QtConcurrent", "PySide6.QtUiTools", "PySide6.QtHelp",
    "PySide6.QtDesigner", "PySide6.QtMultimedia", "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets",
    # lxml parts python-docx does not use (it needs lxml.etree only).
    "lxml.objectify", "lxml.html", "lxml.isoschematron", "lxml.sax",
]

KEEP_PLUGINS = {
    "platforms": {"qxcb", "qwindows", "qoffscreen"},
    "platforminputcontexts": {"ibusplatforminputcontextplugin", "composeplatforminputcontextplugin"},
    "platformthemes": {"qxdgdesktopportal"},
    "styles": {"qmodernwindowsstyle", "qwindowsvistastyle"},
}
KEEP_TRANSLATIONS = {"qtbase_zh_CN.qm"}
# Linux libraries taken from the system rather than from the build machine: every desktop has D-Bus, and
# the build machine's libdbus would bring its libsystemd, libgcrypt, liblz4 and libzstd along.
SYSTEM_LIBRARIES = {"libdbus-1.so.3"}


def version() -> str:
    """``app.__version__``, read from app/__init__.py without importing the app."""
    tree = ast.parse((ROOT / "app" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__version__" for t in node.targets):
            return str(ast.literal_eval(node.value))
    raise ValueError("app/__init__.py has no __version__")


def version_tuple(text: str) -> tuple[int, int, int, int]:
    """The four numbers of a Windows version resource: "0.2.0rc1" -> (0, 2, 0, 0)."""
    release = re.match(r"\d+(?:\.\d+)*", text)
    numbers = [int(n) for n in release.group(0).split(".")] if release else []
    return tuple((numbers + [0, 0, 0, 0])[:4])  # type: ignore[return-value]


def debian_version(text: str) -> str:
    """A PEP 440 version as a Debian one: pre-releases sort before the release ("1.0rc1" -> "1.0~rc1")."""
    return re.sub(r"\.?(a|b|rc|dev)(\d*)", lambda m: f"~{m.group(1)}{m.group(2)}", text, count=1)


def resource_patterns() -> list[str]:
    """The data files of the ``resources`` package, as the wheel lists them in pyproject.toml (package-data).

    The bundle collects exactly these, so stray files (editor backups, lock files) stay out of both.
    """
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10: read the one line
        found = re.search(r"^resources\s*=\s*\[(.*?)\]", text, re.MULTILINE | re.DOTALL)
        return re.findall(r'"([^"]+)"', found.group(1)) if found else []
    return list(tomllib.loads(text)["tool"]["setuptools"]["package-data"]["resources"])


def _parts(dest: str) -> tuple[str, ...]:
    return PureWindowsPath(dest).parts if "\\" in dest else PurePosixPath(dest).parts


def qt_plugin(dest: str) -> tuple[str, str] | None:
    """(category, name) of a Qt plugin from its place in the bundle, e.g. ("platforms", "qxcb"); else None."""
    parts = _parts(dest)
    if "PySide6" not in parts or "plugins" not in parts[:-2]:
        return None
    category = parts[parts.index("plugins") + 1]
    name = parts[-1]
    for suffix in (".so", ".dll", ".dylib"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    if name.startswith("lib") and not dest.lower().endswith(".dll"):
        name = name[3:]
    return category, name


def keep_binary(dest: str) -> bool:
    plugin = qt_plugin(dest)
    return plugin is None or plugin[1] in KEEP_PLUGINS.get(plugin[0], set())


def keep_data(dest: str) -> bool:
    parts = _parts(dest)
    if "PySide6" in parts and "translations" in parts:
        return parts[-1] in KEEP_TRANSLATIONS
    return True


def elf_needed(path: str | Path) -> list[str]:
    """The libraries an ELF file links to directly (its NEEDED entries; ``ldd`` would list them transitively)."""
    out = subprocess.run(["readelf", "-d", str(path)], check=True, capture_output=True, text=True).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


def _is_python_library(name: str) -> bool:
    name = name.lower()
    return name.startswith("libpython") or re.fullmatch(r"python3\d*\.dll", name) is not None


def prune_unreferenced(entries: Iterable[tuple[str, str, str]], imports_of: Callable[[str], Iterable[str]],
                       system: Iterable[str] = ()):
    """Drop shared libraries that no kept binary links to; return (kept entries, dropped destination names).

    ``entries`` are PyInstaller TOC tuples (dest, source, typecode). The roots are the Python extension
    modules, the kept Qt plugins and the Python library (the bootloader opens it itself); everything a root
    links to (``imports_of(source)`` gives the linked library names), and so on, stays, except the
    ``system`` libraries (left to the system, with whatever only they link to).
    """
    system = {name.lower() for name in system}
    entries = list(entries)
    by_name: dict[str, tuple[str, str, str]] = {}
    for entry in entries:
        if entry[2] != "SYMLINK":
            by_name.setdefault(_parts(entry[0])[-1].lower(), entry)
    roots = [e for e in by_name.values()
             if e[2] == "EXTENSION" or qt_plugin(e[0]) is not None or _is_python_library(_parts(e[0])[-1])]
    needed = {_parts(e[0])[-1].lower() for e in roots}
    todo = list(roots)
    while todo:
        entry = todo.pop()
        for name in imports_of(entry[1]):
            key = PurePosixPath(name.replace("\\", "/")).name.lower()
            if key in by_name and key not in needed and key not in system:
                needed.add(key)
                todo.append(by_name[key])
    kept = [e for e in entries if _parts(e[0])[-1].lower() in needed]
    dropped = sorted(e[0] for e in entries if _parts(e[0])[-1].lower() not in needed)
    return kept, dropped


def without_dangling_links(entries: Iterable[tuple[str, str, str]], dropped: Iterable[str]):
    """The entries minus the SYMLINK entries that point at a dropped file (PyInstaller lists them with datas)."""
    gone = {d.replace("\\", "/") for d in dropped}
    out = []
    for dest, source, typecode in entries:
        if typecode == "SYMLINK":
            path = ntpath if "\\" in dest else posixpath
            target = path.normpath(path.join(path.dirname(dest), source)).replace("\\", "/")
            if target in gone:
                continue
        out.append((dest, source, typecode))
    return out
