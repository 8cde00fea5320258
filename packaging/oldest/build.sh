#!/usr/bin/env bash
# Build the Linux bundle and the .deb inside an old Debian root, so that they need that system's glibc
# only (packaging/README.md, "The .deb for 统信UOS and 麒麟"). Run as root from the project root:
#
#     packaging/oldest/build.sh [all|root|python|fcitx|bundle|smoke|typing]     (make deb-oldest = all)
#
#   root    debootstrap a minimal $SUITE root (build/oldest/base-$SUITE, kept pristine), copy it to the
#           build root and install the compilers and libraries there
#   python  build CPython 3.11 from the upstream tarball of Debian bookworm's python3.11 source package into
#           /opt/python3.11 of the build root: against the old glibc, shared library, no PGO (python.sh)
#   fcitx   Debian trixie's fcitx5 Qt 6 plugin (built against Qt 6.8.2, the pinned PySide6's Qt), made to
#           load on the old system (fcitx.sh)
#   bundle  venv from that Python with packaging/constraints-bundle.txt, PyInstaller bundle, fcitx plugin,
#           .deb (inside-build.sh); copied out to dist/$SUITE/
#   smoke   a fresh copy of the base root, apt install of the .deb there, then smoke.sh inside it
#   typing  Chinese typed through live fcitx5, fcitx 4 and IBus into PySide6's Qt with the bundle's plugins
#           (typing.sh, in the build root)
#
# root, python and fcitx are done once (stamp files in the work folder; delete build/oldest to start again);
# bundle, smoke and typing run each time.
# Environment: SUITE (bullseye), MIRROR (http://deb.debian.org/debian), NIANBAO_OLDEST_WORK (build/oldest),
# NIANBAO_OLDEST_FCITX=0 to leave the fcitx plugin out.
set -euo pipefail
cd "$(dirname "$0")/../.."
PROJECT=$PWD
SUITE=${SUITE:-bullseye}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
WORK=$(realpath -m "${NIANBAO_OLDEST_WORK:-build/oldest}")
BASE=$WORK/base-$SUITE
BROOT=$WORK/build-$SUITE
SROOT=$WORK/smoke-$SUITE
OUT=$PROJECT/dist/$SUITE
FCITX=${NIANBAO_OLDEST_FCITX:-1}
export DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8

log() { printf '\n=== [%s] %s\n' "$(date +%T)" "$*"; }
[ "$(id -u)" = 0 ] || { echo "build.sh: run as root (debootstrap, chroot)" >&2; exit 2; }

MOUNTED=()
mount_into() {  # proc and a tmpfs /dev/shm inside a root; unmounted on exit
    local root=$1
    mountpoint -q "$root/proc" || { mount -t proc proc "$root/proc"; MOUNTED+=("$root/proc"); }
    mkdir -p "$root/dev/shm"
    mountpoint -q "$root/dev/shm" || { mount -t tmpfs shm "$root/dev/shm"; MOUNTED+=("$root/dev/shm"); }
    cp /etc/resolv.conf "$root/etc/resolv.conf"
}
cleanup() {
    local m
    for m in "${MOUNTED[@]}"; do umount "$m" || umount -l "$m" || true; done
}
trap cleanup EXIT
in_root() { local root=$1; shift; chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin \
    LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }

step_base() {
    [ -e "$BASE/.nianbao-base" ] && return
    # debootstrap, and Debian's archive keyring to verify what it (and fcitx.sh) download
    if ! command -v debootstrap >/dev/null || [ ! -e /usr/share/keyrings/debian-archive-keyring.gpg ]; then
        apt-get update -qq
        apt-get install -y -qq debootstrap debian-archive-keyring
    fi
    log "debootstrap $SUITE into $BASE"
    rm -rf "$BASE"
    debootstrap --variant=minbase --keyring=/usr/share/keyrings/debian-archive-keyring.gpg "$SUITE" "$BASE" "$MIRROR"
    # security and point-release updates, as an installed system has them
    cat > "$BASE/etc/apt/sources.list" <<LIST
deb $MIRROR $SUITE main
deb $MIRROR $SUITE-updates main
deb ${MIRROR%/debian}/debian-security $SUITE-security main
LIST
    touch "$BASE/.nianbao-base"
}

step_root() {
    step_base
    [ -e "$BROOT/.nianbao-root" ] && return
    log "build root $BROOT"
    rm -rf "$BROOT"
    cp -a "$BASE" "$BROOT"
    mount_into "$BROOT"
    in_root "$BROOT" apt-get update -qq
    # compilers and the libraries CPython's modules link to; binutils for PyInstaller and build_deb;
    # the libraries Qt loads, so that PyInstaller's analysis of PySide6 sees them
    in_root "$BROOT" apt-get install -y -qq --no-install-recommends \
        build-essential pkg-config ca-certificates xz-utils dpkg-dev binutils file git \
        libssl-dev libffi-dev zlib1g-dev libbz2-dev liblzma-dev libsqlite3-dev uuid-dev libexpat1-dev \
        libgl1 libegl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libdbus-1-3 \
        libglib2.0-0 libx11-6 libx11-xcb1 libxcb1 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 \
        libxcb-render-util0 libxcb-xkb1 libxcb-shape0 libxcb-randr0 libxcb-xfixes0 libxcb-sync1 \
        libxcb-render0 libxcb-shm0 libxcb-xinerama0 libxcb-util1
    # libxcb-cursor0 is not in buster/bullseye: Qt >= 6.5 wants it for the cursor theme only
    in_root "$BROOT" apt-get install -y -qq --no-install-recommends libxcb-cursor0 2>/dev/null || true
    touch "$BROOT/.nianbao-root"
}

step_python() {
    step_root
    [ -x "$BROOT/opt/python3.11/bin/python3.11" ] && [ -e "$BROOT/.nianbao-python" ] && return
    log "CPython from Debian's python3.11 source package, built in $SUITE"
    mount_into "$BROOT"
    cp "$PROJECT/packaging/oldest/python.sh" "$BROOT/root/python.sh"
    in_root "$BROOT" bash /root/python.sh
    touch "$BROOT/.nianbao-python"
}

step_fcitx() {
    step_python
    [ "$FCITX" = 1 ] || return 0
    [ -e "$BROOT/.nianbao-fcitx" ] && return
    log "fcitx5 Qt 6 input-context plugin"
    mount_into "$BROOT"
    bash "$PROJECT/packaging/oldest/fcitx.sh" "$BROOT"
    touch "$BROOT/.nianbao-fcitx"
}

step_bundle() {
    step_python
    [ "$FCITX" = 1 ] && step_fcitx
    log "bundle and .deb in $SUITE"
    mount_into "$BROOT"
    # the project's files as git sees them (tracked and new, not ignored), without dist/, build/, .venv
    rm -rf "$BROOT/src"
    mkdir -p "$BROOT/src"
    git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
        [ -e "$f" ] && printf '%s\0' "$f"; done | tar -c --null -T - | tar -x -C "$BROOT/src"
    # pip in the root trusts the certificates the build machine trusts (a proxy's own CA, say)
    cp /etc/ssl/certs/ca-certificates.crt "$BROOT/etc/ssl/build-host-ca.crt"
    in_root "$BROOT" PIP_CERT=/etc/ssl/build-host-ca.crt ${PIP_INDEX_URL:+PIP_INDEX_URL=$PIP_INDEX_URL} \
        bash /src/packaging/oldest/inside-build.sh
    rm -rf "$OUT"
    mkdir -p "$OUT"
    cp -a "$BROOT/build/dist/nianbao" "$OUT/nianbao"
    cp "$BROOT"/build/dist/nianbao_*.deb "$OUT/"
    cp "$BROOT/build/versions.txt" "$OUT/versions.txt"
    ls -l "$OUT"
}

step_typing() {
    step_python
    [ -e "$BROOT/build/fcitx/libfcitx5platforminputcontextplugin.so" ] && [ -e "$BROOT/build/venv/pyvenv.cfg" ] || {
        echo "build.sh typing: no fcitx5 plugin or venv in $BROOT: run build.sh bundle first" >&2; return 2; }
    log "typing Chinese through fcitx5 in $SUITE"
    mount_into "$BROOT"
    in_root "$BROOT" apt-get install -y -qq --no-install-recommends fcitx5 fcitx5-module-xorg fcitx5-chinese-addons \
        dbus-x11 xvfb xauth xdotool >/dev/null
    rm -rf "$BROOT/src/packaging/oldest" && mkdir -p "$BROOT/src/packaging" && cp -r packaging/oldest "$BROOT/src/packaging/"
    [ -s "$BROOT/etc/machine-id" ] || tr -d - < /proc/sys/kernel/random/uuid > "$BROOT/etc/machine-id"
    in_root "$BROOT" bash /src/packaging/oldest/typing.sh fcitx5
    # fcitx 4 (麒麟 V10, 搜狗输入法): reached through the D-Bus portal interface it shares with fcitx5
    in_root "$BROOT" apt-get install -y -qq --no-install-recommends fcitx-bin fcitx-modules fcitx-module-dbus \
        fcitx-pinyin >/dev/null
    in_root "$BROOT" bash /src/packaging/oldest/typing.sh fcitx4
    # IBus, through Qt's own plugin
    in_root "$BROOT" apt-get install -y -qq --no-install-recommends ibus ibus-libpinyin >/dev/null
    in_root "$BROOT" bash /src/packaging/oldest/typing.sh ibus
}

step_smoke() {
    step_base
    local deb
    deb=$(ls "$OUT"/nianbao_*.deb | head -1)
    log "fresh $SUITE root: apt install $(basename "$deb")"
    [ -d "$SROOT" ] && { umount "$SROOT/proc" 2>/dev/null || true; umount "$SROOT/dev/shm" 2>/dev/null || true; }
    rm -rf "$SROOT"
    cp -a "$BASE" "$SROOT"
    mount_into "$SROOT"
    cp "$deb" "$SROOT/tmp/"
    cp "$PROJECT/packaging/oldest/smoke.sh" "$SROOT/tmp/smoke.sh"
    in_root "$SROOT" apt-get update -qq
    # the .deb's Depends must resolve from the suite's archive alone; a small Chinese font instead of the
    # recommended fonts-noto-cjk (60 MB); Xvfb to open the window; unzip to read the .docx
    in_root "$SROOT" apt-get install -y -qq --no-install-recommends "/tmp/$(basename "$deb")" \
        fonts-wqy-microhei xvfb xauth unzip
    in_root "$SROOT" bash /tmp/smoke.sh
}

case "${1:-all}" in
    root) step_root ;;
    python) step_python ;;
    fcitx) step_fcitx ;;
    bundle) step_bundle ;;
    smoke) step_smoke ;;
    typing) step_typing ;;
    all) start=$SECONDS; step_bundle; step_smoke; [ "$FCITX" = 1 ] && step_typing; log "done in $((SECONDS - start)) s" ;;
    *) echo "usage: $0 [all|root|python|fcitx|bundle|smoke|typing]" >&2; exit 2 ;;
esac
