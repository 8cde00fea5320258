"""Render the start page and every step of a report to PNG files (for docs and for looking)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication


def render_all(window, report_path: Path, out_dir: Path, size: tuple[int, int] = (1366, 768)) -> int:
    """``size`` is the window's outer size in pixels as the officer's screen would give it (1366×768, 1000×600)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    window.resize(*size)
    window.show()
    window.show_start()
    QApplication.processEvents()
    window.grab().save(str(out_dir / "start.png"))
    from app import filelock

    from .main_window import example_path

    if report_path.resolve() == example_path().resolve():
        window.open_example()  # never lock or remember a file inside the program's own folder
    elif not window.open_path(report_path, remember=False):
        return 2
    for i, step in enumerate(window.editor.steps):
        window.editor.go(i)
        QApplication.processEvents()
        window.grab().save(str(out_dir / f"{step.id}.png"))
    window.doc.undo_stack.setClean()
    if window.doc.path is not None:
        filelock.release(window.doc.path)
    return 0
