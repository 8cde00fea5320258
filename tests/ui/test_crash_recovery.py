"""The app is killed with SIGKILL while edits are unsaved; the next start restores every edit that is
older than the autosave interval (5 s in use, shortened here through NIANBAO_AUTOSAVE_MS)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from app import recovery
from app.formatdef import CellRef
from ui.main_window import MainWindow

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
ROOT = Path(__file__).resolve().parents[2]


def _recovered_text() -> str:
    return "".join(p.read_text(encoding="utf-8") for p in recovery.recovery_dir().glob("*.nianbao"))


def test_sigkill_then_restart_restores_unsaved_edits(tmp_path, qtbot, dialogs, monkeypatch):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NIANBAO_AUTOSAVE_MS="200",
               NIANBAO_HOME=os.environ["NIANBAO_HOME"], PYTHONPATH=str(ROOT))
    child = subprocess.Popen([sys.executable, str(ROOT / "tests" / "ui" / "crash_child.py")], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "edited", child.stderr.read()
        deadline = time.monotonic() + 30
        while "崩溃前最后一句话" not in _recovered_text() or '"maintained": 7' not in _recovered_text():
            assert time.monotonic() < deadline, "autosave never wrote the edits"
            assert child.poll() is None, child.stderr.read()
            time.sleep(0.05)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()

    window = MainWindow()
    qtbot.addWidget(window)
    dialogs.install(window, monkeypatch)
    dialogs.answers.append(QMessageBox.StandardButton.Yes)
    assert window.offer_recovery()
    report = window.doc.report
    assert report.cell_text(CellRef("applications", "new_received", "natural")) == "42"
    assert report.text("problems.body").endswith("崩溃前最后一句话。")
    assert report.cell_text(CellRef("review_litigation", "review", "maintained")) == "7"  # typed, uncommitted
    assert "恢复未保存的修改" in dialogs.questions[0]
    window._unsaved_restore = False
