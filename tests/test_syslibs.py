"""The system-library check before the desktop app starts on Linux (issue 23, item 3), with a fake loader:
no library is removed from the machine."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from app import cli, syslibs

ABSENT = {"libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1"}


def _fake_loader(absent):
    def load(name):
        if name in absent:
            raise OSError(f"{name}: cannot open shared object file: No such file or directory")
    return load


@pytest.fixture
def x11(monkeypatch):
    monkeypatch.setattr(syslibs.sys, "platform", "linux")
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr(syslibs, "_ctypes_loader", _fake_loader(ABSENT))


def test_gui_on_a_machine_without_the_xcb_libraries_says_which_and_how_to_install(x11, monkeypatch, capsys):
    monkeypatch.setattr(syslibs.os, "geteuid", lambda: 1000)
    assert cli.main(["gui"]) == 2
    out, err = capsys.readouterr()
    assert "Traceback" not in err and out == ""
    assert "无法启动年报编制助手" in err and "缺少 3 个" in err
    for soname, package in (("libxcb-cursor.so.0", "libxcb-cursor0"), ("libxcb-icccm.so.4", "libxcb-icccm4"),
                            ("libxcb-keysyms.so.1", "libxcb-keysyms1")):
        assert f"{soname}（软件包 {package}）" in err
    assert "sudo apt-get install -y libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1\n" in err
    assert "统信UOS、麒麟" in err


def test_as_root_the_command_has_no_sudo(x11, monkeypatch):
    monkeypatch.setattr(syslibs.os, "geteuid", lambda: 0)
    text = syslibs.check()
    assert "\n  apt-get install -y libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1\n" in text


def test_nothing_missing_lets_the_app_start():
    assert syslibs.check({"QT_QPA_PLATFORM": "xcb"}, load=lambda name: None, platform_name="linux") is None


@pytest.mark.parametrize("env", [{"QT_QPA_PLATFORM": "offscreen"}, {"QT_QPA_PLATFORM": "wayland"},
                                 {"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}])
def test_offscreen_and_wayland_do_not_ask_for_the_xcb_libraries(env):
    assert syslibs.check(env, load=_fake_loader(ABSENT), platform_name="linux") is None


def test_without_opengl_even_offscreen_is_told_before_qt_fails_to_import():
    text = syslibs.check({"QT_QPA_PLATFORM": "offscreen"}, load=_fake_loader({"libEGL.so.1"}), platform_name="linux")
    assert "libEGL.so.1（软件包 libegl1）" in text and "apt-get install -y libegl1" in text


def test_an_x11_desktop_without_qt_qpa_platform_is_checked_for_xcb():
    assert syslibs.qt_platform({"DISPLAY": ":0"}) == "xcb"
    assert syslibs.qt_platform({"QT_QPA_PLATFORM": "wayland;xcb"}) == "wayland"
    text = syslibs.check({"DISPLAY": ":0"}, load=_fake_loader({"libxcb-util.so.1"}), platform_name="linux")
    assert "apt-get install -y libxcb-util1" in text


def test_a_package_holding_two_missing_libraries_is_named_once():
    assert syslibs.packages(["libglib-2.0.so.0", "libgthread-2.0.so.0", "libxcb.so.1"]) == ["libglib2.0-0", "libxcb1"]


def test_windows_and_macos_are_not_checked():
    for name in ("win32", "darwin"):
        assert syslibs.check({}, load=_fake_loader(ABSENT), platform_name=name) is None


def test_the_real_loader_finds_this_machines_libraries_and_not_a_made_up_one():
    assert syslibs.missing(["libc.so.6", "libnianbao-does-not-exist.so.9"]) == ["libnianbao-does-not-exist.so.9"]


def _needed(path: Path) -> set[str]:
    out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True, check=True).stdout
    return {line.split("[", 1)[1].rstrip("]") for line in out.splitlines() if "(NEEDED)" in line}


@pytest.mark.skipif(shutil.which("readelf") is None, reason="readelf (binutils) not installed")
def test_every_system_library_qt_asks_for_is_in_the_table():
    import importlib.util

    spec = importlib.util.find_spec("PySide6")
    qt = Path(spec.origin).parent / "Qt"
    if not (qt / "plugins" / "platforms" / "libqxcb.so").exists():
        pytest.skip("not the Linux wheel")
    glibc = {"libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "libgcc_s.so.1",
             "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1"}

    def system(names):
        return {n for n in names if not n.startswith(("libQt6", "libicu", "libpyside6", "libshiboken6"))} - glibc

    gui = system(_needed(qt / "lib" / "libQt6Gui.so.6") | _needed(qt / "lib" / "libQt6Core.so.6")
                 | _needed(qt / "lib" / "libQt6DBus.so.6"))
    xcb = system(_needed(qt / "plugins" / "platforms" / "libqxcb.so") | _needed(qt / "lib" / "libQt6XcbQpa.so.6"))
    assert gui - set(syslibs.GUI_LIBRARIES) == set()
    assert xcb - set(syslibs.GUI_LIBRARIES) - set(syslibs.XCB_LIBRARIES) == set()


def test_the_bundle_counts_a_library_it_carries(tmp_path, monkeypatch):
    import shutil as sh

    libc = next((p for p in ("/lib/x86_64-linux-gnu/libc.so.6", "/lib64/libc.so.6", "/usr/lib/libc.so.6")
                 if Path(p).exists()), None)
    if libc is None:
        pytest.skip("no libc.so.6 to copy")
    sh.copy(libc, tmp_path / "libnianbao-carried.so.1")
    monkeypatch.setattr(syslibs.sys, "frozen", True, raising=False)
    monkeypatch.setattr(syslibs.sys, "_MEIPASS", str(tmp_path), raising=False)
    assert syslibs.missing(["libnianbao-carried.so.1", "libnianbao-absent.so.1"]) == ["libnianbao-absent.so.1"]
