"""nianbao gui --screenshot DIR --size WxH [FILE]: every step rendered at the window size asked for."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from app.cli import build_parser

HUAIAN = Path(__file__).resolve().parents[2] / "resources" / "examples" / "huaian-2024.nianbao"


def test_size_is_read_as_width_by_height():
    assert build_parser().parse_args(["gui", "--screenshot", "out", "--size", "1000x600"]).size == (1000, 600)
    assert build_parser().parse_args(["gui", "--screenshot", "out"]).size == (1366, 768)


@pytest.mark.parametrize("bad", ["1000", "1000x", "宽x高", "10x10"])
def test_a_size_that_is_not_width_by_height_is_refused_in_chinese(bad, capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args(["gui", "--screenshot", "out", "--size", bad])
    assert "窗口大小" in capsys.readouterr().err


def test_every_step_is_rendered_at_the_size_asked_for(window, tmp_path):
    from ui.window.screenshots import render_all

    report = tmp_path / "用户" / "淮安 2024.nianbao"
    report.parent.mkdir()
    shutil.copy(HUAIAN, report)
    out = tmp_path / "截图"
    assert render_all(window, report, out, (1000, 600)) == 0
    names = {p.name for p in out.glob("*.png")}
    assert {"start.png", "basic.png", "overall.png", "applications.png", "export.png"} <= names
    assert {step.id + ".png" for step in window.editor.steps} <= names
    for name in names:
        image = QImage(str(out / name))
        assert (image.width(), image.height()) == (1000, 600), name
