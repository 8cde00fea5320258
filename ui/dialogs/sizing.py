"""A dialog's first size, never larger than the screen it opens on (issue 23, item 5).

Each dialog asks for the size its content reads best at; on a 1366×768 or 1000×600 laptop it gets what the
screen's free area holds, less room for the window manager's title bar and border (the offscreen platform
and some window managers report none, so it is kept whatever the frame says)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication

TITLE_BAR, BORDER = 40, 16  # typical X11/Windows decorations, generous


def available(widget):
    """The free area (without panels and task bars) of the screen ``widget`` (or its parent) is on."""
    screen = None
    for w in (widget, widget.parentWidget()):
        if w is not None and screen is None:
            screen = w.screen()
    return (screen or QGuiApplication.primaryScreen()).availableGeometry()


def room(widget) -> tuple[int, int]:
    area = available(widget)
    return max(200, area.width() - BORDER), max(150, area.height() - TITLE_BAR)


def fit_on_screen(dialog, width: int, height: int) -> None:
    """Resize ``dialog`` to ``width``×``height``, or to what the screen holds when that is less."""
    most_w, most_h = room(dialog)
    dialog.resize(min(width, most_w), min(height, most_h))
