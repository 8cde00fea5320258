"""What goes wrong with files while the officer works: full disk, read-only folder, a file changed or
deleted behind the app's back, the same file open in a second window. The work always stays in memory."""

from __future__ import annotations

import errno
import json
import os
import platform

from PySide6.QtWidgets import QMessageBox

from app import filelock, storage
from ui.main_window import example_path

Yes, No = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No


def _saved_copy(tmp_path, name="年报.nianbao"):
    path = tmp_path / name
    storage.save(storage.load(example_path()), path, backup=False)
    return path


def test_disk_full_says_so_keeps_the_work_and_offers_save_as(window, dialogs, tmp_path, monkeypatch):
    path = _saved_copy(tmp_path)
    assert window.open_path(path)
    window.doc.set_text("other.body", "重要的新文字")
    real = storage.atomic_write_text

    def full(target, text, backup=True):
        if str(target) == str(path):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(target, text, backup)

    monkeypatch.setattr(storage, "atomic_write_text", full)
    other = tmp_path / "另存.nianbao"
    dialogs.answers.append(Yes)
    dialogs.paths.append(str(other))
    assert window.save()
    assert "磁盘空间不足" in dialogs.questions[0] and "没有丢失" in dialogs.questions[0]
    assert storage.load(other).text("other.body") == "重要的新文字"
    assert storage.load(path).text("other.body") != "重要的新文字"  # the old file is whole


def test_read_only_folder(window, dialogs, tmp_path):
    if os.geteuid() == 0:
        # root writes anywhere: simulate the folder by a path whose parent is a file
        target = tmp_path / "是文件" / "a.nianbao"
        (tmp_path / "是文件").write_text("x")
    else:
        folder = tmp_path / "只读"
        folder.mkdir()
        folder.chmod(0o500)
        target = folder / "a.nianbao"
    window.doc.set_text("other.body", "x")
    dialogs.paths.append(str(target))
    dialogs.answers.append(No)
    assert not window.save_as()
    assert dialogs.questions and "保存失败" in dialogs.questions[0]
    assert window.doc.report.text("other.body") == "x"
    assert window.isWindowModified()


def test_file_replaced_behind_the_apps_back_asks_before_overwriting(window, dialogs, tmp_path):
    path = _saved_copy(tmp_path)
    assert window.open_path(path)
    window.doc.set_text("other.body", "本窗口的修改")
    other = storage.load(path)
    other.set_text("other.body", "别处的修改")
    storage.save(other, path)
    st = path.stat()  # a distinct modification time even on file systems with coarse timestamps
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))
    dialogs.answers.append(QMessageBox.StandardButton.Cancel)
    assert not window.save()
    assert "被其他程序或窗口修改过" in dialogs.questions[0]
    assert storage.load(path).text("other.body") == "别处的修改"
    dialogs.answers.append(Yes)
    assert window.save()
    assert storage.load(path).text("other.body") == "本窗口的修改"


def test_file_deleted_behind_the_apps_back_is_saved_again(window, dialogs, tmp_path):
    path = _saved_copy(tmp_path)
    assert window.open_path(path)
    window.doc.set_text("other.body", "仍然保存")
    path.unlink()
    assert window.save()
    assert storage.load(path).text("other.body") == "仍然保存"


def _foreign_lock(path, pid):
    filelock.lock_path(path).write_text(json.dumps({"pid": pid, "host": platform.node(), "since": 0}),
                                        encoding="utf-8")


def test_second_instance_is_told_and_can_open_a_copy(window, dialogs, tmp_path):
    path = _saved_copy(tmp_path)
    _foreign_lock(path, 1)  # pid 1 is alive: another window holds the file
    dialogs.answers.append(No)
    assert not window.open_path(path)
    assert "已在本机上的另一个年报编制助手窗口（进程1" in dialogs.questions[0]
    dialogs.answers.append(Yes)
    assert window.open_path(path)
    assert window.doc.path is None  # a copy: saving asks for a new name
    assert window.doc.report.body.name == "天山乡人民政府"


def test_stale_lock_after_a_crash_is_taken_over(window, dialogs, tmp_path):
    path = _saved_copy(tmp_path)
    _foreign_lock(path, 2 ** 22 + 12345)  # no such process
    assert window.open_path(path)
    assert dialogs.questions == []
    assert filelock.read(path).pid == os.getpid()
    dialogs.answers.append(QMessageBox.StandardButton.Discard)
    window.new_report()
    assert filelock.read(path) is None  # released when the report is closed
