"""Build the .deb from the PyInstaller bundle (dist/nianbao) with dpkg-deb.

    .venv/bin/python packaging/linux/build_deb.py [--bundle dist/nianbao] [--out dist] [--work build/deb]

The package installs the bundle under /opt/nianbao, the launcher /usr/bin/nianbao, the desktop entry, the
icons (hicolor theme, for the application and for .nianbao files) and the MIME type application/x-nianbao.
Depends lists the system libraries the bundle links to but does not carry, found by reading every ELF file
of the bundle (readelf, objdump: binutils, which PyInstaller needs anyway); libc6's minimum version is the
newest GLIBC symbol version they use. An unknown library stops the build, so a new one is never missed.

Set NIANBAO_DEB_MAINTAINER ("Name <address>") for a release build.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import bundling  # noqa: E402

INSTALL_DIR = "opt/nianbao"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
MIME_TYPE = "application/x-nianbao"
MIME_ICON = "application-x-nianbao"

# System libraries the bundle may link to without carrying them, and the Debian (统信UOS, 麒麟) packages
# that provide them.
LIBRARY_PACKAGES = {
    "libc.so.6": "libc6", "libm.so.6": "libc6", "libdl.so.2": "libc6", "libpthread.so.0": "libc6",
    "librt.so.1": "libc6", "libutil.so.1": "libc6", "ld-linux-x86-64.so.2": "libc6",
    "ld-linux-aarch64.so.1": "libc6",
    "libGL.so.1": "libgl1", "libEGL.so.1": "libegl1", "libOpenGL.so.0": "libopengl0",
    "libxcb.so.1": "libxcb1", "libxcb-icccm.so.4": "libxcb-icccm4", "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-cursor.so.0": "libxcb-cursor0", "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0", "libxcb-xkb.so.1": "libxcb-xkb1",
    "libX11.so.6": "libx11-6", "libX11-xcb.so.1": "libx11-xcb1",
    "libxkbcommon.so.0": "libxkbcommon0", "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libfontconfig.so.1": "libfontconfig1", "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3", "libglib-2.0.so.0": "libglib2.0-0", "libz.so.1": "zlib1g",
    "libstdc++.so.6": "libstdc++6", "libgcc_s.so.1": "libgcc-s1",
}
# Chinese fonts for the window and the documents. LibreOffice (PDF export) is only suggested: as a
# recommendation apt would install it, and on Debian swap LibreOffice's -nogui build for the desktop one.
RECOMMENDS = "fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei"
SUGGESTS = "libreoffice-writer | libreoffice-writer-nogui, xdg-desktop-portal"


def run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def elf_files(root: Path) -> list[Path]:
    out = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as f:
                if f.read(4) == b"\x7fELF":
                    out.append(path)
    return out


def system_dependencies(bundle: Path) -> tuple[dict[str, str], str | None]:
    """{library: package} for the libraries the bundle links to but does not carry, and the newest GLIBC_x.y."""
    carried = {p.name for p in bundle.rglob("*")}
    needed: set[str] = set()
    glibc: tuple[int, int] | None = None
    for path in elf_files(bundle):
        needed.update(bundling.elf_needed(path))
        for major, minor in re.findall(r"\bGLIBC_(\d+)\.(\d+)\b", run("objdump", "-T", str(path))):
            glibc = max(glibc or (0, 0), (int(major), int(minor)))
    missing = sorted(needed - carried)
    unknown = [name for name in missing if name not in LIBRARY_PACKAGES]
    if unknown:
        raise SystemExit(f"build_deb: no Debian package known for {', '.join(unknown)}: add it to LIBRARY_PACKAGES")
    return {name: LIBRARY_PACKAGES[name] for name in missing}, (f"{glibc[0]}.{glibc[1]}" if glibc else None)


def depends_field(libraries: dict[str, str], glibc: str | None) -> str:
    packages = sorted(set(libraries.values()) | {"libc6"})
    return ", ".join(f"libc6 (>= {glibc})" if p == "libc6" and glibc else p for p in packages)


def normalise_modes(root: Path) -> None:
    """Directories 755, files 644 or 755 (the build may leave 600 files that other users could not read)."""
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        mode = path.stat().st_mode
        if path.is_dir() or mode & (stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH):
            path.chmod(0o755)
        else:
            path.chmod(0o644)


def installed_size_kib(root: Path) -> int:
    total = sum(p.lstat().st_size for p in root.rglob("*") if p.is_file() or p.is_symlink())
    return (total + 1023) // 1024


def control_text(version: str, arch: str, depends: str, size_kib: int, maintainer: str) -> str:
    return "\n".join([
        "Package: nianbao",
        f"Version: {version}",
        f"Architecture: {arch}",
        f"Maintainer: {maintainer}",
        f"Installed-Size: {size_kib}",
        f"Depends: {depends}",
        f"Recommends: {RECOMMENDS}",
        f"Suggests: {SUGGESTS}",
        "Section: misc",
        "Priority: optional",
        f"Description: {bundling.DISPLAY_NAME} — 政府信息公开工作年度报告编制助手",
        " 按国办公开办函〔2021〕30号的格式编制政府信息公开工作年度报告：从上年报告开始，",
        " 录入时即检查表格数字是否平衡，导出为符合 GB/T 9704 版式的 Word 文档",
        " （安装 LibreOffice 后可同时生成 PDF）。",
        "",
    ])


COPYRIGHT = """nianbao（年报编制助手）

License: MIT

The application folder /opt/nianbao also carries, unmodified, the Python runtime (PSF License), Qt 6 and
Qt for Python (PySide6, shiboken6; LGPL-3.0), lxml (BSD), python-docx (MIT), Jinja2 and MarkupSafe (BSD),
pypdf (BSD) and appdirs (MIT), under their own licenses. Qt's libraries are separate shared libraries in
/opt/nianbao/_internal/PySide6/Qt/lib and may be replaced.
"""


def stage(bundle: Path, work: Path, version: str, arch: str, maintainer: str) -> Path:
    root = work / f"nianbao_{version}_{arch}"
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(bundle, root / INSTALL_DIR, symlinks=True)
    icons = bundle / "_internal" / "resources" / "icons"
    files = {
        "usr/bin/nianbao": HERE / "nianbao-launcher.sh",
        "usr/share/applications/nianbao.desktop": HERE / "nianbao.desktop",
        "usr/share/mime/packages/nianbao.xml": HERE / "nianbao-mime.xml",
        "usr/share/icons/hicolor/scalable/apps/nianbao.svg": icons / "nianbao.svg",
        f"usr/share/icons/hicolor/scalable/mimetypes/{MIME_ICON}.svg": icons / "nianbao.svg",
    }
    for size in ICON_SIZES:
        files[f"usr/share/icons/hicolor/{size}x{size}/apps/nianbao.png"] = icons / f"nianbao-{size}.png"
        files[f"usr/share/icons/hicolor/{size}x{size}/mimetypes/{MIME_ICON}.png"] = icons / f"nianbao-{size}.png"
    for dest, source in files.items():
        (root / dest).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, root / dest)
    (root / "usr/bin/nianbao").chmod(0o755)
    doc = root / "usr/share/doc/nianbao"
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(COPYRIGHT, encoding="utf-8")
    normalise_modes(root)

    libraries, glibc = system_dependencies(root / INSTALL_DIR)
    size = installed_size_kib(root)
    debian = root / "DEBIAN"
    debian.mkdir()
    (debian / "control").write_text(control_text(version, arch, depends_field(libraries, glibc), size, maintainer),
                                    encoding="utf-8")
    for script in ("postinst", "postrm"):
        shutil.copyfile(HERE / script, debian / script)
        (debian / script).chmod(0o755)
    return root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=bundling.ROOT / "dist" / "nianbao")
    parser.add_argument("--out", type=Path, default=bundling.ROOT / "dist")
    parser.add_argument("--work", type=Path, default=bundling.ROOT / "build" / "deb")
    args = parser.parse_args(argv)
    if not (args.bundle / "nianbao").is_file():
        print(f"build_deb: no bundle in {args.bundle}: build it first (make bundle)", file=sys.stderr)
        return 2
    version = bundling.debian_version(bundling.version())
    arch = run("dpkg", "--print-architecture").strip()
    maintainer = os.environ.get("NIANBAO_DEB_MAINTAINER", "nianbao maintainers <nianbao@example.invalid>")
    root = stage(args.bundle, args.work, version, arch, maintainer)
    args.out.mkdir(parents=True, exist_ok=True)
    deb = args.out / f"{root.name}.deb"
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(root), str(deb)], check=True,
                   stdout=subprocess.DEVNULL)
    print(f"{deb}: {deb.stat().st_size / 2**20:.1f} MiB; installed {installed_size_kib(root) / 1024:.0f} MiB")
    print((root / "DEBIAN" / "control").read_text(encoding="utf-8").split("Recommends:")[0].strip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
