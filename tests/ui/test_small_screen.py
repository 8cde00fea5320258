"""On a screen smaller than the window's minimum (800×500) the window fits the screen, folds its step list and
says that the screen is small, instead of running off the screen's edge. Run in a child process whose offscreen
screen has that size (Qt reads the screen's size once, at start)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHILD = """
import json, sys
from ui.window.launch import make_app
from ui.window.main_window import MainWindow
from app.resources_path import resource_path
app = make_app()
window = MainWindow()
window.open_example(resource_path("examples/huaian-2024.nianbao"))
window.show()
app.processEvents()
frame, free = window.frameGeometry(), window.screen().availableGeometry()
print(json.dumps({"frame": [frame.x(), frame.y(), frame.width(), frame.height()],
                  "free": [free.x(), free.y(), free.width(), free.height()],
                  "steps_visible": window.editor.step_list.isVisible(),
                  "message": window.statusBar().currentMessage()}))
window.doc.undo_stack.setClean()
"""


def _shown(tmp_path, width: int, height: int) -> dict:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "small", "x": 0, "y": 0, "width": width,
                                               "height": height, "logicalDpi": 96}]}), encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", PYTHONPATH=str(ROOT),
               NIANBAO_HOME=str(tmp_path / "home"))
    out = subprocess.run([sys.executable, "-c", CHILD], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stderr
    return json.loads(next(line for line in out.stdout.splitlines() if line.startswith("{")))


def test_a_small_screen_gets_a_window_that_fits_and_a_word_why(tmp_path):
    shown = _shown(tmp_path, 800, 500)
    x, y, w, h = shown["frame"]
    fx, fy, fw, fh = shown["free"]
    assert fx <= x and fy <= y and x + w <= fx + fw and y + h <= fy + fh
    assert not shown["steps_visible"]
    assert "屏幕较小（800×500）" in shown["message"] and "已收起步骤列表" in shown["message"]


@pytest.mark.parametrize("size", [(1000, 600), (1366, 768)])
def test_a_laptop_screen_keeps_the_step_list_and_says_nothing(tmp_path, size):
    shown = _shown(tmp_path, *size)
    assert shown["steps_visible"] and "屏幕较小" not in shown["message"]
