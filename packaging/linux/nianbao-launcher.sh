#!/bin/sh
# /usr/bin/nianbao: starts the application installed in /opt/nianbao.
APP_DIR=/opt/nianbao
PLUGINS="$APP_DIR/_internal/PySide6/Qt/plugins"

# The bundle carries Qt's X11 (xcb) window system plugin, not the Wayland one: Wayland desktops run it
# through XWayland.
case "$QT_QPA_PLATFORM" in
    *wayland*) QT_QPA_PLATFORM=xcb; export QT_QPA_PLATFORM ;;
esac

# Qt's wheels carry no fcitx input-method plugin. fcitx5 also speaks the IBus protocol, so Chinese input
# works through the bundled IBus plugin; a compatible fcitx plugin copied into the bundle is used instead.
case "$QT_IM_MODULE" in
    fcitx*)
        bundled=no
        for plugin in "$PLUGINS"/platforminputcontexts/*fcitx*; do
            [ -e "$plugin" ] && bundled=yes
        done
        if [ "$bundled" = no ]; then
            QT_IM_MODULE=ibus; export QT_IM_MODULE
        fi ;;
esac

exec "$APP_DIR/nianbao" "$@"
