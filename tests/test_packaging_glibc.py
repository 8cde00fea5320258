"""The .deb for older systems (统信UOS, 麒麟): no ELF file in it needs a newer C or C++ library than the floor.

``make deb-oldest`` (packaging/oldest/build.sh) builds the bundle and the .deb in a Debian 11 root and copies
them to dist/bullseye/. These tests read every ELF file there and fail when one needs a GLIBC symbol version
above the floor, or a libstdc++ version (GLIBCXX, CXXABI) above the old system's libstdc++, unless the need
is weak and the bundle defines it (the fcitx5 plugin, packaging/oldest/elf_versions.py). The version needs
are read by elf_versions.py and checked against binutils' ``readelf -V`` on this machine's own libraries.
Without a built bundle or .deb they skip, saying so (with NIANBAO_OLDEST_REQUIRED=1, as `make deb-oldest`
runs them, they fail instead); NIANBAO_OLDEST_DIST points them at another folder.

The input-method test starts the bundle under Xvfb with QT_DEBUG_PLUGINS=1 and checks that the fcitx5 and
IBus plugins load into the bundle's Qt without an ABI complaint.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DIST = Path(os.environ.get("NIANBAO_OLDEST_DIST", ROOT / "dist" / "bullseye"))
# Debian 11: glibc 2.31, GCC 10's libstdc++ (GLIBCXX_3.4.28, CXXABI_1.3.12). packaging/README.md.
FLOOR = {"GLIBC": (2, 31), "GLIBCXX": (3, 4, 28), "CXXABI": (1, 3, 12)}
# What libnianbao-cxxcompat.so defines for the fcitx5 plugin (packaging/oldest/cxxcompat.map).
COMPAT_LIBRARY = "libnianbao-cxxcompat.so"
COMPAT_VERSIONS = {"GLIBCXX_3.4.29", "CXXABI_1.3.15"}

REQUIRED = os.environ.get("NIANBAO_OLDEST_REQUIRED") == "1"

spec = importlib.util.spec_from_file_location("elf_versions", ROOT / "packaging" / "oldest" / "elf_versions.py")
elf_versions = importlib.util.module_from_spec(spec)
spec.loader.exec_module(elf_versions)


def _absent(reason: str) -> None:
    (pytest.fail if REQUIRED else pytest.skip)(reason)


def _version(name: str) -> tuple[str, tuple[int, ...]] | None:
    match = re.fullmatch(r"(GLIBC|GLIBCXX|CXXABI)_(\d+(?:\.\d+)*)", name)
    return (match.group(1), tuple(int(n) for n in match.group(2).split("."))) if match else None


def _elf_files(root: Path) -> list[Path]:
    found = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as f:
                if f.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def too_new(root: Path) -> list[str]:
    """"file: library version" for every need above FLOOR that the bundle does not cover."""
    files = _elf_files(root)
    carried = {p.name for p in root.rglob("*")}
    problems = []
    for path in files:
        for library, name, flags, _at in elf_versions.needed_versions(path.read_bytes()):
            parsed = _version(name)
            if parsed is None or parsed[1] <= FLOOR[parsed[0]]:
                continue
            weak = bool(flags & elf_versions.VER_FLG_WEAK)
            if weak and name in COMPAT_VERSIONS and COMPAT_LIBRARY in carried:
                continue
            problems.append(f"{path.relative_to(root)}: {library} {name}{' (weak)' if weak else ''}")
    return problems


@pytest.fixture(scope="module")
def package_root(tmp_path_factory) -> Path:
    """/ of the .deb unpacked (dpkg-deb -x), or the bundle folder when there is no .deb."""
    debs = sorted(DIST.glob("nianbao_*.deb"))
    if debs and shutil.which("dpkg-deb"):
        out = tmp_path_factory.mktemp("deb")
        subprocess.run(["dpkg-deb", "-x", str(debs[-1]), str(out)], check=True)
        return out
    if (DIST / "nianbao" / "nianbao").is_file():
        return DIST / "nianbao"
    _absent(f"no old-glibc bundle or .deb in {DIST}: build them with `sudo make deb-oldest`")


def _bundle(package_root: Path) -> Path:
    return package_root / "opt" / "nianbao" if (package_root / "opt" / "nianbao").is_dir() else package_root


# --- the reader, against binutils --------------------------------------------------------------------


def _readelf_needs(path: Path) -> set[tuple[str, str]]:
    text = subprocess.run(["readelf", "-V", "--wide", str(path)], check=True, capture_output=True,
                          text=True).stdout
    needs, library = set(), None
    section = text.split("Version needs section", 1)[-1] if "Version needs section" in text else ""
    for line in section.splitlines():
        if m := re.search(r"File: (\S+)", line):
            library = m.group(1)
        elif m := re.search(r"Name: (\S+)", line):
            needs.add((library, m.group(1)))
    return needs


def test_reader_agrees_with_readelf():
    if not shutil.which("readelf"):
        pytest.skip("binutils' readelf is not installed")
    libraries = [Path(sys.executable).resolve()]
    libraries += [Path(m.group(1)) for m in re.finditer(r"=> (/\S+)", subprocess.run(
        ["ldd", str(libraries[0])], capture_output=True, text=True).stdout)]
    checked = 0
    for path in libraries:
        ours = {(lib, name) for lib, name, _flags, _at in elf_versions.needed_versions(path.read_bytes())}
        assert ours == _readelf_needs(path), path
        checked += bool(ours)
    assert checked


def test_weakened_need_no_longer_stops_the_loader(tmp_path):
    """A copy of a library with its GLIBC needs marked weak: readelf shows the flag, the reader sees it."""
    source = Path(sys.executable).resolve()
    copy = tmp_path / source.name
    shutil.copy2(source, copy)
    needs = elf_versions.needed_versions(copy.read_bytes())
    names = {name for _lib, name, _f, _a in needs if name.startswith("GLIBC_")}
    assert elf_versions.weaken(copy, names)
    flags = {name: f for _lib, name, f, _a in elf_versions.needed_versions(copy.read_bytes())}
    assert all(flags[name] & elf_versions.VER_FLG_WEAK for name in names)
    if shutil.which("readelf"):
        text = subprocess.run(["readelf", "-V", "--wide", str(copy)], capture_output=True, text=True).stdout
        assert "WEAK" in text


# --- the built package -------------------------------------------------------------------------------


def test_no_elf_file_needs_a_newer_c_library_than_the_floor(package_root):
    bundle = _bundle(package_root)
    assert len(_elf_files(bundle)) > 50, "the bundle looks incomplete"
    problems = too_new(package_root)
    floor = ", ".join(f"{kind}_{'.'.join(map(str, version))}" for kind, version in FLOOR.items())
    assert not problems, f"needs above {floor}:\n" + "\n".join(problems)


def test_the_deb_asks_for_no_newer_libc_than_the_floor():
    debs = sorted(DIST.glob("nianbao_*.deb"))
    if not debs or not shutil.which("dpkg-deb"):
        _absent(f"no .deb in {DIST} (or no dpkg-deb): build it with `sudo make deb-oldest`")
    depends = subprocess.run(["dpkg-deb", "-f", str(debs[-1]), "Depends"], check=True, capture_output=True,
                             text=True).stdout
    libc = re.search(r"libc6 \(>= (\d+)\.(\d+)\)", depends)
    assert libc, depends
    assert (int(libc.group(1)), int(libc.group(2))) <= FLOOR["GLIBC"], depends


def test_the_bundle_runs_python_3_10_or_newer_built_on_the_old_system():
    versions = DIST / "versions.txt"
    if not versions.is_file():
        _absent(f"no {versions}: build with `sudo make deb-oldest`")
    first = versions.read_text(encoding="utf-8").splitlines()[0]  # "python 3.11.2 (glibc 2.31)"
    match = re.fullmatch(r"python (\d+)\.(\d+)\.\d+ \(glibc (\d+)\.(\d+)\)", first)
    assert match, first
    major, minor, libc_major, libc_minor = map(int, match.groups())
    assert (major, minor) >= (3, 10), first
    assert (libc_major, libc_minor) <= FLOOR["GLIBC"], first


# --- input methods -----------------------------------------------------------------------------------


@pytest.mark.parametrize("module", ["fcitx", "ibus"])
def test_input_method_plugin_loads_into_the_bundles_qt(package_root, module, tmp_path):
    bundle = _bundle(package_root)
    plugins = bundle / "_internal" / "PySide6" / "Qt" / "plugins" / "platforminputcontexts"
    found = sorted(p.name for p in plugins.glob(f"*{module}*.so"))
    assert found, f"no {module} plugin in {plugins}"
    if not shutil.which("xvfb-run"):
        pytest.skip("xvfb-run (package xvfb) is not installed: the plugin is loaded by Qt's X11 platform only")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LC_ALL": "C.UTF-8", "QT_IM_MODULE": module,
           "QT_DEBUG_PLUGINS": "1", "NIANBAO_HOME": str(tmp_path / "nianbao")}
    done = subprocess.run(["xvfb-run", "-a", str(bundle / "nianbao"), "gui", "--exit-after-show"], env=env,
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    log = done.stdout + done.stderr
    if "Could not load the Qt platform plugin" in log:
        pytest.skip("Qt's xcb platform plugin cannot load here (missing X11 libraries):\n"
                    + "\n".join(line for line in log.splitlines() if "cannot open shared object" in line)[:800])
    assert done.returncode == 0, log[-3000:]
    plugin = found[0]
    complaints = [line for line in log.splitlines() if plugin in line and re.search(
        r"cannot load|undefined symbol|version .* not found|incompatible|not a Qt plugin", line)]
    assert not complaints, "\n".join(complaints)
    assert re.search(rf"loaded library .*{re.escape(plugin)}|{re.escape(plugin)}.* loaded library", log), \
        "\n".join(line for line in log.splitlines() if module in line.lower())[-3000:]
