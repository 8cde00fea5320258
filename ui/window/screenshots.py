"""Render the start page and every step of a report to PNG files (for docs and for looking).

A report that is not a 汇总 has no 汇总各单位 step: that step (units.png) and a summed table
(summary-applications.png) are then rendered from a 汇总 of the bundled 2024 examples.
"""

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
    if not window.doc.is_summary:
        _render_summary(window, out_dir)
    return 0


def _render_summary(window, out_dir: Path) -> None:
    from .main_window import example_path

    examples = example_path().parent
    window.new_summary("淮安市示例汇总", 2024)
    page = window.editor.go_to_step("units")
    page.add_paths([examples / "tianshan-2024.nianbao", examples / "huaian-2024.nianbao",
                    examples / "huaian-2025.nianbao"])  # of another year: listed, named, not summed
    page.view.selectRow(1)
    QApplication.processEvents()
    window.grab().save(str(out_dir / "units.png"))
    window.editor.go_to_step("applications")
    QApplication.processEvents()
    window.grab().save(str(out_dir / "summary-applications.png"))
    window.doc.undo_stack.setClean()
