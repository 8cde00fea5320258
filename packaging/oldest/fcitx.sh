#!/usr/bin/env bash
# The fcitx5 Qt 6 input-context plugin for the bundle, made to load into PySide6's Qt on the old system:
#
#     packaging/oldest/fcitx.sh BUILD_ROOT        (build.sh fcitx; result in BUILD_ROOT/build/fcitx/)
#
# Qt's input-context plugins use Qt's private API, which holds only within one Qt version, so the plugin must
# be built for exactly the bundle's Qt. PySide6 wheels ship no Qt headers and Debian's archive (as reachable
# here) serves no fcitx5-qt source tarball, so it cannot be compiled here; Debian trixie's binary
# fcitx5-frontend-qt6 is built against Qt 6.8.2, the Qt of PySide6 6.8.2.1 (constraints-bundle.txt). It was
# compiled by GCC 14 and needs two libstdc++ functions bullseye's GCC 10 lacks: those come from
# libnianbao-cxxcompat.so (cxxcompat.cc, built here in the old root) and the plugin's needs of those two
# versions are marked weak (elf_versions.py). The plugin and its libFcitx5Qt6DBusAddons find their libraries
# in PySide6/Qt/lib through RUNPATH (patchelf).
set -euo pipefail
BROOT=$(realpath "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(dirname "$BROOT")/trixie-debs
QT=6.8.2
# the plugin and its library from trixie (Qt 6.8.2); libwayland-client and -cursor from bookworm (1.21: Qt's
# Wayland client library, which the plugin links to, calls wl_proxy_marshal_flags, new in 1.20; bullseye has
# 1.18) with the libffi 8 they link to. bookworm's need glibc 2.28, trixie's libwayland-client 2.38.
PACKAGES=(fcitx5-frontend-qt6/trixie libfcitx5-qt6-1/trixie libwayland-client0/bookworm libwayland-cursor0/bookworm
          libffi8/bookworm)

# Debian trixie's packages, fetched with the build machine's apt and Debian's archive keyring into a private
# apt state (the machine's own sources are not touched)
mkdir -p "$WORK/lists/partial" "$WORK/cache/archives/partial" "$WORK/debs"
for suite in trixie bookworm; do
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] ${MIRROR:-http://deb.debian.org/debian} $suite main"
done > "$WORK/sources.list"
APT=(-o "Dir::Etc::sourcelist=$WORK/sources.list" -o Dir::Etc::sourceparts=- -o "Dir::State::Lists=$WORK/lists"
     -o "Dir::Cache=$WORK/cache" -o Debug::NoLocking=1 -o APT::Sandbox::User=root)
apt-get "${APT[@]}" update -qq
version=$(apt-cache "${APT[@]}" show fcitx5-frontend-qt6/trixie | sed -n 's/^Depends: .*libqt6gui6[^ ]* (>= \([0-9.]*\).*/\1/p' | head -1)
echo "fcitx.sh: trixie's fcitx5-frontend-qt6 is built against Qt ${version:-?} (the bundle's Qt: $QT)"
(cd "$WORK/debs" && rm -f ./*.deb && apt-get "${APT[@]}" download "${PACKAGES[@]}")
rm -rf "$WORK/x"
for deb in "$WORK"/debs/*.deb; do dpkg-deb -x "$deb" "$WORK/x"; done

OUT=$BROOT/build/fcitx
rm -rf "$OUT"
mkdir -p "$OUT"
cp "$WORK"/x/usr/lib/x86_64-linux-gnu/qt6/plugins/platforminputcontexts/libfcitx5platforminputcontextplugin.so "$OUT/"
for lib in libFcitx5Qt6DBusAddons.so.1 libwayland-client.so.0 libwayland-cursor.so.0 libffi.so.8; do
    cp -L "$WORK/x/usr/lib/x86_64-linux-gnu/$lib" "$OUT/"
done
cp "$HERE/cxxcompat.cc" "$HERE/cxxcompat.map" "$HERE/elf_versions.py" "$OUT/"
mkdir -p "$OUT/doc"
for package in fcitx5-frontend-qt6 libwayland-client0 libffi8; do
    cp "$WORK/x/usr/share/doc/$package/copyright" "$OUT/doc/$package.copyright"
done

chroot "$BROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
    bash -euo pipefail -c '
    command -v patchelf >/dev/null || apt-get install -y -qq --no-install-recommends patchelf
    cd /build/fcitx
    g++ -shared -fPIC -O2 -o libnianbao-cxxcompat.so cxxcompat.cc -Wl,--version-script=cxxcompat.map \
        -Wl,-soname,libnianbao-cxxcompat.so
    for lib in libfcitx5platforminputcontextplugin.so libFcitx5Qt6DBusAddons.so.1; do
        /opt/python3.11/bin/python3.11 elf_versions.py weaken "$lib" CXXABI_1.3.15 GLIBCXX_3.4.29
        patchelf --add-needed libnianbao-cxxcompat.so "$lib"
    done
    patchelf --set-rpath "\$ORIGIN/../../lib" libfcitx5platforminputcontextplugin.so
    for lib in libFcitx5Qt6DBusAddons.so.1 libwayland-client.so.0 libwayland-cursor.so.0; do
        patchelf --set-rpath "\$ORIGIN" "$lib"
    done
    readelf -d libfcitx5platforminputcontextplugin.so | grep -E "NEEDED|RUNPATH"
    rm -f cxxcompat.cc cxxcompat.map elf_versions.py'
ls -l "$OUT"
