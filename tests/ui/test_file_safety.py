"""What goes wrong with files while the officer works: full disk, read-only folder, a file changed or
deleted behind the app's back, the same file open in a second window. The work always stays in memory."""

from __future__ import annotations

import errno
import json
import os
import platform
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from app import filelock, storage
from ui.window.main_window import example_path

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
    assert window.statusBar().currentMessage() == "上次未正常关闭，已接管锁文件"
    dialogs.answers.append(QMessageBox.StandardButton.Discard)
    window.new_report()
    assert filelock.read(path) is None  # released when the report is closed


# --- issue 13, defect 8 -----------------------------------------------------------------------------------

def test_saving_into_a_missing_folder_offers_to_create_it(window, dialogs, tmp_path):
    target = tmp_path / "新建" / "2024年" / "年报.nianbao"
    window.doc.set_text("other.body", "存到新文件夹")
    dialogs.paths.append(str(target))
    dialogs.answers.append(Yes)
    assert window.save_as()
    assert "文件夹不存在" in dialogs.questions[0] and str(target.parent) in dialogs.questions[0]
    assert storage.load(target).text("other.body") == "存到新文件夹"
    assert not window.isWindowModified()


def test_retry_after_a_failed_save_starts_where_the_officer_was(window, dialogs, tmp_path, monkeypatch):
    (tmp_path / "是文件").write_text("x")  # a "folder" that is a file: the save fails
    target = tmp_path / "是文件" / "年报.nianbao"
    asked = []

    def ask_save_path(title, suggested, filter_=None, purpose=None):
        asked.append(suggested)
        return str(target) if len(asked) == 1 else None

    monkeypatch.setattr(window, "ask_save_path", ask_save_path)
    window.doc.set_text("other.body", "x")
    dialogs.answers.append(Yes)  # save elsewhere?
    assert not window.save_as()
    assert "保存失败" in dialogs.questions[0]
    assert Path(asked[1]) == tmp_path / "年报.nianbao"  # beside where it failed, not the home folder


def _damage(path):
    path.write_text('{"format": "nianbao-project", "sch', encoding="utf-8")


def test_damaged_file_without_a_backup_does_not_mention_one(window, dialogs, tmp_path):
    path = _saved_copy(tmp_path)
    _damage(path)
    assert not window.open_path(path)
    assert "损坏或不完整" in dialogs.errors[0]
    assert ".bak" not in dialogs.errors[0] and "备份" not in dialogs.errors[0]
    assert dialogs.questions == []


def test_damaged_file_with_a_backup_offers_to_open_it(window, dialogs, tmp_path):
    path = _saved_copy(tmp_path)
    good = storage.load(path)
    good.set_text("other.body", "备份里的文字")
    storage.save(good, path)  # keeps the previous version as 年报.nianbao.bak
    storage.save(good, path)  # now the backup holds 备份里的文字 too
    _damage(path)
    dialogs.answers.append(QMessageBox.StandardButton.Open)
    assert window.open_path(path)
    assert "文件已损坏" in dialogs.questions[0] and "年报.nianbao.bak" in dialogs.questions[0]
    assert dialogs.errors == []
    assert window.doc.report.text("other.body") == "备份里的文字"
    assert window.doc.path == path and window.isWindowModified()  # saving replaces the damaged file
    assert filelock.read(path).pid == os.getpid()
    assert window.save()
    assert storage.load(path).text("other.body") == "备份里的文字"


def test_backup_button_reads_open_backup(window, monkeypatch):
    from ui.window.main_window import MainWindow

    seen = []

    def fake_exec(box):
        seen.extend(b.text() for b in box.buttons())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    buttons = QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel
    answer = MainWindow.ask_question(window, "文件已损坏", "…", buttons, QMessageBox.StandardButton.Open)
    assert "打开备份" in seen
    assert answer != QMessageBox.StandardButton.Open  # closed without a click: nothing opened


def test_a_foreign_file_with_a_backup_beside_it_is_refused_without_offering_the_backup(window, dialogs, tmp_path):
    path = _saved_copy(tmp_path)
    storage.save(storage.load(path), path)  # a backup exists
    path.write_text('{"name": "别的程序的文件"}', encoding="utf-8")
    assert not window.open_path(path)
    assert dialogs.questions == [] and "不是年报项目文件" in dialogs.errors[0]


def test_the_damaged_file_question_names_the_backup_once(window, dialogs, tmp_path):
    path = _saved_copy(tmp_path)
    storage.save(storage.load(path), path)
    _damage(path)
    dialogs.answers.append(QMessageBox.StandardButton.Cancel)
    assert not window.open_path(path)
    assert dialogs.questions[0].count("年报.nianbao.bak") == 1


def _hostile_copy(tmp_path, change) -> Path:
    path = tmp_path / "年报.nianbao"
    data = json.loads(example_path().read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_project_the_loader_refuses_is_named_with_its_reason_and_the_open_report_stays(window, dialogs, tmp_path):
    # once: a year of thousands of digits hung the window; an 18 MB body name took 100 s to show
    before = window.doc
    cases = [(lambda d: d.__setitem__("year", 10 ** 4000), "应在2008年至2100年之间"),
             (lambda d: d["body"].__setitem__("name", "某" * 5_000_000), "机关名称")]
    for change, reason in cases:
        dialogs.errors.clear()
        assert not window.open_path(_hostile_copy(tmp_path, change))
        assert reason in dialogs.errors[0] and len(dialogs.errors[0]) < 1000
        assert window.doc is before
        assert QApplication.overrideCursor() is None  # the wait cursor of the read is never left behind
    if Path("/dev/zero").exists():
        dialogs.errors.clear()
        assert not window.open_path("/dev/zero")
        assert "不是普通文件" in dialogs.errors[0] and window.doc is before
