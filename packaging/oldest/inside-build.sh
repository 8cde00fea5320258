#!/usr/bin/env bash
# Inside the old build root (packaging/oldest/build.sh bundle): the project's venv from /opt/python3.11
# with the pinned versions, the PyInstaller bundle, the fcitx5 plugin (when fcitx.sh built one), the .deb.
set -euo pipefail
export LC_ALL=C.UTF-8
cd /src
rm -rf /build/venv /build/dist /build/pyinstaller /build/deb
/opt/python3.11/bin/python3.11 -m venv /build/venv
PIP="/build/venv/bin/python -m pip --disable-pip-version-check"
$PIP install -q -c packaging/constraints-bundle.txt pip
$PIP install -q -c packaging/constraints-bundle.txt setuptools
# without build isolation: the project is built with the pinned setuptools, not whatever pip would fetch
$PIP install -q -c packaging/constraints-bundle.txt --no-build-isolation -e '.[package]'
# every installed distribution must be pinned: a new dependency would otherwise float
/build/venv/bin/python - <<'PY'
import re
from importlib.metadata import distributions
pinned = {}
for line in open("packaging/constraints-bundle.txt", encoding="utf-8"):
    line = line.split("#")[0].strip()
    if line:
        name, version = line.split("==")
        pinned[re.sub(r"[-_.]+", "-", name).lower()] = version
installed = {re.sub(r"[-_.]+", "-", d.metadata["Name"]).lower(): d.version for d in distributions()}
installed.pop("nianbao", None)
loose = {n: v for n, v in installed.items() if pinned.get(n) != v}
if loose:
    raise SystemExit(f"not pinned in packaging/constraints-bundle.txt: {loose}")
with open("/build/versions.txt", "w", encoding="utf-8") as out:
    import platform, sys
    out.write(f"python {sys.version.split()[0]} ({platform.libc_ver()[0]} {platform.libc_ver()[1]})\n")
    out.writelines(f"{n}=={v}\n" for n, v in sorted(installed.items()))
PY
cat /build/versions.txt
/build/venv/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath /build/dist \
    --workpath /build/pyinstaller packaging/nianbao.spec
# the fcitx5 plugin (fcitx.sh), its library, the libstdc++ compat library and the Qt Wayland client library it
# links to (the spec drops that one as unreferenced)
if [ -e /build/fcitx/libfcitx5platforminputcontextplugin.so ]; then
    qt=/build/dist/nianbao/_internal/PySide6/Qt
    cp /build/fcitx/libfcitx5platforminputcontextplugin.so "$qt/plugins/platforminputcontexts/"
    for lib in libFcitx5Qt6DBusAddons.so.1 libnianbao-cxxcompat.so libwayland-client.so.0 libwayland-cursor.so.0 \
            libffi.so.8; do
        cp "/build/fcitx/$lib" "$qt/lib/"
    done
    [ -e "$qt/lib/libQt6WaylandClient.so.6" ] || \
        cp /build/venv/lib/python3.11/site-packages/PySide6/Qt/lib/libQt6WaylandClient.so.6 "$qt/lib/"
    mkdir -p /build/dist/nianbao/_internal/licenses
    cp /build/fcitx/doc/*.copyright /build/dist/nianbao/_internal/licenses/
    echo "inside-build: fcitx5 plugin added to the bundle"
fi
du -sh /build/dist/nianbao
/build/venv/bin/python packaging/linux/build_deb.py --bundle /build/dist/nianbao --out /build/dist --work /build/deb
