"""A second window leaves the first one's autosave alone (issue 23, item 10): while the window that wrote it
is running and holds its report, the autosave is that window's live work, not a crash's leftover."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from app import recovery, storage
from app.formatdef import CellRef
from ui.window.main_window import MainWindow, example_path

ROOT = Path(__file__).resolve().parents[2]
Yes = QMessageBox.StandardButton.Yes
CELL = CellRef("applications", "new_received", "natural")


def _saved_report(tmp_path) -> Path:
    path = tmp_path / "用户" / "年报 2024.nianbao"
    path.parent.mkdir(parents=True)
    storage.save(storage.load(example_path()), path, backup=False)
    return path


def _autosaved_originals() -> list:
    """What the recovery folder holds, whether offered or not."""
    import json

    return [json.loads(p.read_text(encoding="utf-8"))["original"] for p in recovery.recovery_dir().glob("*.json")]


def _window(qtbot, dialogs, monkeypatch):
    window = MainWindow()
    qtbot.addWidget(window)
    dialogs.install(window, monkeypatch)
    return window


def test_a_second_window_does_not_offer_the_first_ones_autosave(tmp_path, qtbot, dialogs, monkeypatch):
    path = _saved_report(tmp_path)
    first = _window(qtbot, dialogs, monkeypatch)
    assert first.open_path(path)
    first.doc.set_cell(CELL, "4242")
    first.autosave()
    assert _autosaved_originals() == [str(path)]

    second = _window(qtbot, dialogs, monkeypatch)
    assert not second.offer_recovery()
    assert dialogs.questions == []  # not even asked
    # left as it was: neither set aside nor removed, the first window goes on protecting its work with it
    assert _autosaved_originals() == [str(path)]
    assert recovery.declined() == []
    first.doc.undo_stack.setClean()
    first._unsaved_restore = False


_HOLDER = """
import sys, time
from pathlib import Path
from app import filelock, recovery, storage
from app.formatdef import CellRef
path = Path(sys.argv[1])
filelock.acquire(path)
report = storage.load(path)
report.set_cell(CellRef("applications", "new_received", "natural"), "4242")
recovery.write("other-window", report, path)
unsaved = storage.load(path)
unsaved.set_text("other.body", "另一个窗口尚未保存的新报告")
recovery.write("other-window-new", unsaved, None)
print("ready", flush=True)
time.sleep(600)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_another_running_process_keeps_its_autosaves_until_it_dies(tmp_path, qtbot, dialogs, monkeypatch):
    path = _saved_report(tmp_path)
    env = dict(os.environ, PYTHONPATH=str(ROOT), NIANBAO_HOME=os.environ["NIANBAO_HOME"])
    child = subprocess.Popen([sys.executable, "-c", _HOLDER, str(path)], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "ready", child.stderr.read()
        window = _window(qtbot, dialogs, monkeypatch)
        assert not window.offer_recovery()  # the saved report's and the new one's: both live work
        assert dialogs.questions == []
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    # killed: now they are a crash's leftovers, and offered
    window = _window(qtbot, dialogs, monkeypatch)
    dialogs.answers.append(Yes)
    assert window.offer_recovery()
    assert "恢复未保存的修改" in dialogs.questions[0]
    assert window.doc.report.text("other.body") == "另一个窗口尚未保存的新报告"  # the newest
    assert len(recovery.declined()) == 1  # the saved report's, set aside until the next save
    window._unsaved_restore = False


def test_a_report_opened_by_a_relative_path_is_restored_from_anywhere(tmp_path, monkeypatch):
    path = _saved_report(tmp_path)
    monkeypatch.chdir(path.parent)
    recovery.write("relative", storage.load(path), Path(path.name))
    monkeypatch.chdir(tmp_path)
    assert _autosaved_originals() == [str(path)]
