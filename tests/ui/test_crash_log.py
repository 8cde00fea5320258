"""An uncaught exception is written to the program's log, with its traceback, for technical support."""

from __future__ import annotations

import logging
import sys

from app.paths import log_dir
from ui.window import launch


def test_an_uncaught_exception_is_logged_with_its_traceback(qapp, monkeypatch, capsys):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setattr(logging.getLogger("nianbao"), "handlers", [])  # opened afresh in this test's folder
    launch._install_excepthook()
    try:
        raise ValueError("表三读取失败")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    text = (log_dir() / "nianbao.log").read_text(encoding="utf-8")
    assert "uncaught exception" in text and "ValueError: 表三读取失败" in text and "Traceback" in text
    assert "表三读取失败" in capsys.readouterr().err  # tests ask for the failure (NIANBAO_RAISE), not a dialog
