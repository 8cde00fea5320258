"""Render the start page and every step of a report to PNG files (for docs and for looking)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication


def render_all(window, report_path: Path, out_dir: Path) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    window.resize(1366, 740)
    window.show()
    window.show_start()
    QApplication.processEvents()
    window.grab().save(str(out_dir / "start.png"))
    if not window.open_path(report_path, remember=False):
        return 2
    for i, step in enumerate(window.editor.steps):
        window.editor.go(i)
        QApplication.processEvents()
        window.grab().save(str(out_dir / f"{step.id}.png"))
    window.doc.undo_stack.setClean()
    return 0
