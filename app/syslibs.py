"""Before the desktop app starts on Linux: are the system libraries Qt loads there? (issue 23, item 3)

The Qt of the PySide6 wheel brings its own Qt libraries but not the system's X11/xcb, OpenGL, fontconfig and
GLib. On a fresh machine one of them is missing and Qt stops with an English line on the terminal (for the xcb
cursor library: a core dump). This module tries each library Qt would load (``ctypes.CDLL`` of its soname) and
says in Chinese which are missing and the apt command that installs them, the same on Debian, Ubuntu,
统信UOS and 麒麟 (their package names are Debian's).

The sonames are those that ``readelf -d`` lists as NEEDED by libQt6Gui, libQt6Core and libQt6DBus (every
platform) and by the xcb platform plugin with libQt6XcbQpa (the X11 desktop); tests/test_syslibs.py reads the
installed wheel and fails when Qt asks for one that is not here. Qt-free: runs before PySide6 is imported.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Mapping

from . import exits

# soname -> the Debian/Ubuntu/统信UOS/麒麟 package holding it (checked with dpkg -S on Debian 12)
GUI_LIBRARIES: dict[str, str] = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libX11.so.6": "libx11-6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libzstd.so.1": "libzstd1",
    "libz.so.1": "zlib1g",
    "libstdc++.so.6": "libstdc++6",
}
XCB_LIBRARIES: dict[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}

EXIT_MISSING = exits.NOT_DONE  # nothing started


def qt_platform(environ: Mapping[str, str]) -> str:
    """The platform plugin Qt will try first: QT_QPA_PLATFORM's first entry, else Wayland in a Wayland session
    (Qt 6's choice there), else xcb."""
    asked = environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip().lower()
    if asked:
        return asked
    if environ.get("XDG_SESSION_TYPE", "").lower() == "wayland" and environ.get("WAYLAND_DISPLAY"):
        return "wayland"
    return "xcb"


def libraries_for(platform: str) -> dict[str, str]:
    """The sonames to try for ``platform``: Qt's own needs always (without them importing PySide6's QtGui
    fails, offscreen too), the xcb plugin's only on X11 (Wayland and offscreen do not load it)."""
    return {**GUI_LIBRARIES, **XCB_LIBRARIES} if platform == "xcb" else dict(GUI_LIBRARIES)


def _ctypes_loader(name: str) -> None:
    import ctypes  # only here: the check costs nothing where it is not made

    try:
        ctypes.CDLL(name)
    except OSError:
        # the desktop bundle (packaging/) may carry a library the system lacks: Qt finds it beside itself
        bundle = getattr(sys, "_MEIPASS", None) if getattr(sys, "frozen", False) else None
        if bundle is None or not os.path.exists(os.path.join(bundle, name)):
            raise
        ctypes.CDLL(os.path.join(bundle, name))


def missing(names: Iterable[str], load: Callable[[str], object] | None = None) -> list[str]:
    """The sonames among ``names`` that cannot be loaded (``load`` raises OSError for those)."""
    load = load or _ctypes_loader
    out = []
    for name in names:
        try:
            load(name)
        except OSError:
            out.append(name)
    return out


def packages(sonames: Iterable[str], table: Mapping[str, str] | None = None) -> list[str]:
    """The packages that install ``sonames``, each once, in the order first needed."""
    table = table if table is not None else {**GUI_LIBRARIES, **XCB_LIBRARIES}
    return list(dict.fromkeys(table[name] for name in sonames if name in table))


def install_command(pkgs: Iterable[str], as_root: bool = False) -> str:
    return ("" if as_root else "sudo ") + "apt-get install -y " + " ".join(pkgs)


def message(absent: list[str], platform: str, as_root: bool = False) -> str:
    """What the officer (or whoever sets the machine up) reads on the terminal, in Chinese."""
    pkgs = packages(absent)
    where = "X11 桌面（xcb）" if platform == "xcb" else f"“{platform}”显示方式"
    return (
        f"无法启动年报编制助手：在{where}上运行所需的系统库缺少 {len(absent)} 个：\n"
        + "".join(f"  {name}（软件包 {XCB_LIBRARIES.get(name) or GUI_LIBRARIES.get(name)}）\n" for name in absent)
        + "\n在 Debian、Ubuntu、统信UOS、麒麟上用以下命令安装后再启动：\n"
        f"  {install_command(pkgs, as_root)}\n"
        "（需要管理员权限；安装后无需重新安装本程序。全部系统软件包见 README 的“系统软件包”一节。）"
    )


def check(environ: Mapping[str, str] | None = None, load: Callable[[str], object] | None = None,
          platform_name: str | None = None) -> str | None:
    """None when the app can start; otherwise the Chinese message. Linux only: Windows and macOS builds of Qt
    carry what they need."""
    if not (platform_name or sys.platform).startswith("linux"):
        return None
    environ = os.environ if environ is None else environ
    platform = qt_platform(environ)
    absent = missing(libraries_for(platform), load)
    if not absent:
        return None
    as_root = hasattr(os, "geteuid") and os.geteuid() == 0
    return message(absent, platform, as_root)
