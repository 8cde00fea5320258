#!/usr/bin/env bash
# Inside the old build root (build.sh typing): type Chinese through a live fcitx into Qt, with the bundle's
# fcitx5 plugin (build/fcitx/, as patched for the bundle) and PySide6's Qt from the build venv — the same Qt
# build and plugin files the .deb carries. Xvfb, a D-Bus session, the old system's own input method with
# Pinyin (fcitx5 5.0, or with the argument fcitx4: fcitx 4.2.9, as 麒麟 V10 and 搜狗输入法 use), switched on
# with fcitx5-remote/fcitx-remote -o; xdotool types "nihao" + space; the line edit must then hold 你好.
# With the argument ibus: ibus-daemon with libpinyin and Qt's own IBus plugin, as the bundle carries it.
#
#     typing.sh [fcitx5|fcitx4|ibus]
set -euo pipefail
IMF=${1:-fcitx5}
export LC_ALL=C.UTF-8 HOME=/tmp/typing-home
rm -rf "$HOME" && mkdir -p "$HOME/.config/fcitx5"
mkdir -p "$HOME/.config/fcitx"
# fcitx 4: keyboard and Pinyin enabled, nothing else
cat > "$HOME/.config/fcitx/profile" <<'PROFILE'
[Profile]
EnabledIMList=fcitx-keyboard-us:True,pinyin:True
IMName=pinyin
PROFILE
cat > "$HOME/.config/fcitx5/profile" <<'PROFILE'
[Groups/0]
Name=Default
Default Layout=us
DefaultIM=pinyin

[Groups/0/Items/0]
Name=keyboard-us
Layout=

[Groups/0/Items/1]
Name=pinyin
Layout=

[GroupOrder]
0=Default
PROFILE

# active at once (no Ctrl+Space needed), Pinyin's first candidate on space
cat > "$HOME/.config/fcitx5/config" <<'CONFIG'
[Behavior]
ActiveByDefault=True
ShareInputState=All
CONFIG

# the plugin where its RUNPATH ($ORIGIN/../../lib) finds its libraries, beside PySide6's Qt
QT=/build/venv/lib/python3.11/site-packages/PySide6/Qt
PROBE=/build/typing && rm -rf "$PROBE" && mkdir -p "$PROBE/plugins/platforminputcontexts" "$PROBE/lib"
cp /build/fcitx/libfcitx5platforminputcontextplugin.so "$PROBE/plugins/platforminputcontexts/"
for lib in libFcitx5Qt6DBusAddons.so.1 libnianbao-cxxcompat.so libwayland-client.so.0 libwayland-cursor.so.0 libffi.so.8; do
    cp "/build/fcitx/$lib" "$PROBE/lib/"
done

Xvfb :57 -screen 0 1024x768x24 -nolisten tcp >/tmp/typing-xvfb.log 2>&1 &
XVFB=$!
export DISPLAY=:57
eval "$(dbus-launch --sh-syntax)"
cleanup() { kill "$FCITX" "$XVFB" "$DBUS_SESSION_BUS_PID" 2>/dev/null || true; }
trap cleanup EXIT
sleep 1
QTIM=fcitx
if [ "$IMF" = ibus ]; then
    QTIM=ibus
    state() { ibus engine 2>/dev/null || ibus address 2>/dev/null || true; }
    ibus-daemon --replace --panel=disable --xim=no >/tmp/typing-fcitx.log 2>&1 &
elif [ "$IMF" = fcitx4 ]; then
    REMOTE=fcitx-remote
    fcitx -D -s 0 >/tmp/typing-fcitx.log 2>&1 &
else
    REMOTE=fcitx5-remote
    fcitx5 --disable=classicui,kimpanel,notificationitem,clipboard,cloudpinyin >/tmp/typing-fcitx.log 2>&1 &
fi
FCITX=$!
[ "$IMF" = ibus ] || state() { $REMOTE 2>/dev/null || true; }
for _ in $(seq 30); do
    s=$(state)
    [ -n "$s" ] && [ "$s" != 0 ] && break
    sleep 0.5
done
QT_PLUGIN_PATH=$PROBE/plugins LD_LIBRARY_PATH=$PROBE/lib:$QT/lib QT_IM_MODULE=$QTIM QT_QPA_PLATFORM=xcb QT_DEBUG_PLUGINS=1 \
    /build/venv/bin/python /src/packaging/oldest/typing_probe.py 14 >/tmp/typing-probe.log 2>&1 &
PROBE_PID=$!
sleep 4
win=$(xdotool search --name nianbao-typing-probe | head -1)
xdotool windowfocus --sync "$win" || true
sleep 0.5
if [ "$IMF" = ibus ]; then
    ibus engine libpinyin 2>/dev/null || true  # exits 1 even when it switched; `ibus engine` tells
else
    $REMOTE -o || true
fi
sleep 0.5
echo "typing: $IMF state $(state) (fcitx: 2 = active)"
xdotool type --delay 150 nihao
sleep 1
xdotool key space
wait "$PROBE_PID" || true
# which daemon answered: the other one must not have been started (D-Bus activation could start fcitx5)
running=$(cat /proc/[0-9]*/comm 2>/dev/null | grep -x -E "fcitx|fcitx5|ibus-daemon" | sort -u | tr '\n' ' ' || true)
echo "typing: input-method daemons running: $running"
case "$IMF:$running" in
    fcitx4:*fcitx5*|fcitx4:*ibus*|fcitx5:*ibus*|ibus:*fcitx*)
        echo "typing: FAILED: another input method was running during the $IMF test"; exit 1 ;;
esac
grep -v '^qt\.\|^ \|^$\|^}' /tmp/typing-probe.log
if grep "platforminputcontextplugin.so" /tmp/typing-probe.log | grep -i "$QTIM" | grep -iE "cannot load|undefined|not found"; then
    echo "typing: FAILED: the $QTIM plugin did not load"; exit 1
fi
grep -q "probe: text '你好'" /tmp/typing-probe.log || {
    echo "typing: FAILED: 你好 did not arrive through $IMF; its log:"; tail -20 /tmp/typing-fcitx.log; exit 1; }
echo "typing: 你好 typed through $IMF into Qt"
