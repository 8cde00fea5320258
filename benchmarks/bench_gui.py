"""GUI speed figures (run by hand): cold start against a bare PySide6 window, keystroke to flag.

Targets (issue 3): cold start ≤ 1.8× the bare window; keystroke-to-flag median < 5 ms.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(ROOT))


def _run(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def cold_start(runs: int = 7) -> tuple[float, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NIANBAO_HOME=tempfile.mkdtemp())
    example = str(ROOT / "resources" / "examples" / "tianshan-2024.nianbao")
    app_cmd = [sys.executable, "-m", "app.cli", "gui", "--exit-after-show", example]
    bare_cmd = [sys.executable, str(ROOT / "benchmarks" / "bare_window.py")]
    _run(app_cmd, env), _run(bare_cmd, env)  # warm the file cache for both
    app_times, bare_times = [], []
    for _ in range(runs):
        app_times.append(_run(app_cmd, env))
        bare_times.append(_run(bare_cmd, env))
    return statistics.median(app_times), statistics.median(bare_times)


def keystroke_to_flag(samples: int = 200) -> tuple[float, float]:
    os.environ["NIANBAO_HOME"] = tempfile.mkdtemp()
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication, QLineEdit

    from app.formatdef import CellRef
    from ui.launch import make_app
    from ui.main_window import MainWindow

    app = make_app()
    window = MainWindow()
    window.open_example()
    window.show()
    page = window.editor.go_to_step("applications")
    view = page.view
    ref = CellRef("applications", "carried_over", "natural")
    view.setCurrentIndex(page.model.index_of(ref))
    view.edit(view.currentIndex())
    app.processEvents()
    editor = next(e for e in view.findChildren(QLineEdit) if e.isVisible())
    editor.selectAll()
    flag_only, with_paint = [], []
    for i in range(samples):
        key = "3" if i % 2 == 0 else None
        if key:
            events = [QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_3, Qt.KeyboardModifier.NoModifier, "3")]
        else:
            events = [QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Backspace, Qt.KeyboardModifier.NoModifier)]
        start = time.perf_counter()
        QApplication.sendEvent(editor, events[0])
        flagged = any(f.rule == "T3-1" for f in window.doc.findings())
        mid = time.perf_counter()
        app.processEvents()  # paints what the keystroke changed
        end = time.perf_counter()
        assert flagged == bool(key), "the flag must follow the keystroke"
        flag_only.append((mid - start) * 1000)
        with_paint.append((end - start) * 1000)
    window.doc.undo_stack.setClean()
    return statistics.median(flag_only), statistics.median(with_paint)


def main() -> None:
    print(f"{'figure':44} {'value':>10}  baseline / target")
    flag, paint = keystroke_to_flag()
    print(f"{'keystroke → flag raised (median)':44} {flag:8.2f}ms  target < 5 ms")
    print(f"{'keystroke → flag + changed cells painted':44} {paint:8.2f}ms  target < 5 ms")
    app_t, bare_t = cold_start()
    print(f"{'cold start, full report (median of 7)':44} {app_t * 1000:8.0f}ms  bare window {bare_t * 1000:.0f} ms"
          f" → {app_t / bare_t:.2f}× (target ≤ 1.8×)")


if __name__ == "__main__":
    main()
