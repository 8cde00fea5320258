"""Every dialog fits a 1000×600 screen (issue 23, item 5): 核对已发布版本 was 1424 px wide, its 关闭 off-screen.

The dialogs are opened in a child process whose offscreen screen is the size asked for (Qt's offscreen
platform reads its screens from a config file), on the main window at 1000×600 with the large example."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DIALOGS = {"核对已发布版本", "查找和替换", "使用说明", "导入结果", "从已发布的年报导入", "粘贴年报文字", "新建汇总年报",
           "消息框"}


def _open_every_dialog(tmp_path, width: int, height: int) -> dict[str, dict]:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": width,
                                               "height": height, "logicalDpi": 96}]}), encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", PYTHONPATH=str(ROOT),
               NIANBAO_HOME=str(tmp_path / "home"))
    out = subprocess.run([sys.executable, str(ROOT / "tests" / "ui" / "dialog_sizes_child.py")], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    lines = [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]
    return {line["name"]: line for line in lines}


@pytest.mark.parametrize("size", [(1000, 600), (1366, 768)])
def test_every_dialog_fits_the_screen_whole(tmp_path, size):
    shown = _open_every_dialog(tmp_path, *size)
    assert set(shown) == DIALOGS
    for name, d in shown.items():
        x, y, w, h = d["frame"]
        sx, sy, sw, sh = d["screen"]
        assert (sw, sh) == size
        assert sx <= x and sy <= y and x + w <= sx + sw and y + h <= sy + sh, f"{name}: {d['frame']} off the screen"
        assert d["min"][0] <= sw and d["min"][1] <= sh, f"{name} cannot be made smaller than {d['min']}"
