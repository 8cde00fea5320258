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
from ui.window.main_window import MainWindow

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


# --- restoring in this process (issue 13, defects 2 and 9) ------------------------------------------------

Yes, No = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No


def _crashed_session(tmp_path, dead_pid=True):
    """A saved report, then an autosave of it with unsaved edits, as a killed window leaves them."""
    import json
    import platform

    from app import filelock, storage
    from ui.window.main_window import example_path

    path = tmp_path / "用户" / "年报 2024.nianbao"
    path.parent.mkdir(parents=True)
    storage.save(storage.load(example_path()), path, backup=False)
    edited = storage.load(path)
    edited.set_cell(CellRef("applications", "new_received", "natural"), "4242")
    edited.set_cell(CellRef("active", "license", "decisions"), "999")
    edited.set_text("other.body", "崩溃前写的文字")
    recovery.write("dead-session", edited, path)
    if dead_pid:
        filelock.lock_path(path).write_text(
            json.dumps({"pid": 2 ** 22 + 12345, "host": platform.node(), "since": 0}), encoding="utf-8")
    return path


def _window(qtbot, dialogs, monkeypatch):
    window = MainWindow()
    qtbot.addWidget(window)
    dialogs.install(window, monkeypatch)
    return window


def _other_process_opens(path) -> str:
    """What a second window, in its own process, is told when it opens ``path``."""
    code = ("import sys\nfrom pathlib import Path\nfrom app import filelock\n"
            "try:\n    filelock.acquire(Path(sys.argv[1]))\n    print('opened')\n"
            "except filelock.FileLocked as e:\n    print(e)\n")
    out = subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, capture_output=True, text=True,
                         env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=60)
    return out.stdout.strip() or out.stderr


def test_restored_report_takes_the_lock_as_opening_does(tmp_path, qtbot, dialogs, monkeypatch):
    from app import filelock

    path = _crashed_session(tmp_path)
    window = _window(qtbot, dialogs, monkeypatch)
    dialogs.answers.append(Yes)
    assert window.offer_recovery()
    assert window.doc.path == path
    assert filelock.read(path).pid == os.getpid()  # no longer the dead process
    assert "另一个年报编制助手窗口" in _other_process_opens(path)
    dialogs.answers.append(QMessageBox.StandardButton.Discard)
    assert window.close()
    assert filelock.read(path) is None


def test_restoring_a_file_open_in_another_window_offers_a_copy(tmp_path, qtbot, dialogs, monkeypatch):
    import json
    import platform

    from app import filelock

    path = _crashed_session(tmp_path, dead_pid=False)
    filelock.lock_path(path).write_text(json.dumps({"pid": 1, "host": platform.node(), "since": 0}),
                                        encoding="utf-8")  # pid 1 is alive: another window has it
    window = _window(qtbot, dialogs, monkeypatch)
    dialogs.answers += [Yes, Yes]  # restore; open a copy
    assert window.offer_recovery()
    assert "已在本机上的另一个年报编制助手窗口（进程1" in dialogs.questions[1]
    assert window.doc.path is None and window.doc.report.text("other.body") == "崩溃前写的文字"
    assert filelock.read(path).pid == 1
    window._unsaved_restore = False


def test_prompt_says_when_and_what_the_autosave_holds(tmp_path, qtbot, dialogs, monkeypatch):
    path = _crashed_session(tmp_path)
    saved_at = recovery.pending()[0].saved_at
    window = _window(qtbot, dialogs, monkeypatch)
    dialogs.answers.append(No)
    assert not window.offer_recovery()
    question = dialogs.questions[0]
    t = time.localtime(saved_at)
    assert "天山乡人民政府2024年政府信息公开工作年度报告" in question
    assert f"自动保存于{t.tm_year}年{t.tm_mon}月{t.tm_mday}日 {t.tm_hour:02d}:{t.tm_min:02d}" in question
    assert f"与磁盘上的“{path.name}”相比，有2个单元格、1段文字不同" in question


def test_declining_keeps_the_autosave_aside_until_the_next_save(tmp_path, qtbot, dialogs, monkeypatch):
    path = _crashed_session(tmp_path)
    window = _window(qtbot, dialogs, monkeypatch)
    dialogs.answers.append(No)
    assert not window.offer_recovery()
    assert recovery.pending() == []  # not offered again
    assert "崩溃前写的文字" in _recovered_text()  # but not deleted either
    assert "不恢复" in dialogs.questions[0]
    assert window.open_path(path)
    window.doc.set_text("other.body", "重新写")
    assert window.save()
    assert "崩溃前写的文字" not in _recovered_text()
    assert recovery.declined() == []


def test_recovery_buttons_read_restore_and_do_not_restore(tmp_path, qtbot, monkeypatch):
    _crashed_session(tmp_path)
    window = MainWindow()
    qtbot.addWidget(window)
    seen = []

    def fake_exec(box):
        seen.extend(b.text() for b in box.buttons())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    assert not window.offer_recovery()  # closed without an answer: nothing restored
    assert sorted(seen) == sorted(["恢复", "不恢复"])


def test_the_prompt_names_only_what_changed():
    # seen in the real window: “有0个单元格、1段文字不同” after only a paragraph was typed
    assert recovery._counted(recovery.Changes(0, 1, 0)) == "1段文字"
    assert recovery._counted(recovery.Changes(3, 0, 1)) == "3个单元格、1项基本信息"
