"""Qt's own dialogs speak Chinese (issue 13, defect 5), and each file dialog starts in its own last folder."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel, QTreeView

from app import storage
from app.resources_path import resource_path
from ui.window.main_window import MainWindow, example_path

TS = resource_path("translations", "qt_extra_zh_CN.ts")


@pytest.fixture
def chinese(qapp):
    """The start-up's locale and translators, taken away again so other tests see Qt as they expect."""
    from ui.window.launch import install_chinese

    before = QLocale()
    known = set(qapp.findChildren(QTranslator))
    install_chinese(qapp)
    yield
    for translator in set(qapp.findChildren(QTranslator)) - known:
        qapp.removeTranslator(translator)
        translator.deleteLater()
    QLocale.setDefault(before)


def test_qt_file_dialog_labels_are_chinese(chinese, qtbot, tmp_path):
    (tmp_path / "上年").mkdir()
    dialog = QFileDialog(None, "打开年报文件", str(tmp_path), "年报文件 (*.nianbao)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # offscreen has no native one
    qtbot.addWidget(dialog)
    dialog.show()
    labels = " ".join(w.text() for w in dialog.findChildren(QLabel))
    assert "查找范围" in labels and "文件类型" in labels and "文件名称" in labels
    assert "Look in" not in labels and "Files of" not in labels
    buttons = [b.text() for b in dialog.findChildren(QAbstractButton) if b.text()]
    assert "打开(&O)" in buttons and "取消" in buttons
    view = dialog.findChild(QTreeView)
    model = view.model()
    qtbot.waitUntil(lambda: model.rowCount(view.rootIndex()) == 1)
    assert model.index(0, 2, view.rootIndex()).data() == "文件夹"
    assert QLocale().language() == QLocale.Language.Chinese


def test_compiled_catalogue_matches_its_source():
    """The .qm is committed beside the .ts: every message of the source must be what the .qm answers."""
    translator = QTranslator()
    assert translator.load(str(TS.with_suffix(".qm")))
    messages = [(ctx.findtext("name"), m.findtext("source"), m.findtext("translation"))
                for ctx in ET.parse(TS).getroot().iter("context") for m in ctx.iter("message")]
    assert len(messages) > 10
    stale = [(c, s) for c, s, t in messages if translator.translate(c, s) != t]
    assert stale == [], "run: pyside6-lrelease resources/translations/qt_extra_zh_CN.ts"
    assert QCoreApplication.instance() is not None


def _saved(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "年报 2024.nianbao"
    storage.save(storage.load(example_path()), path, backup=False)
    return path


def test_each_file_dialog_starts_in_the_folder_last_used_for_its_purpose(qtbot, tmp_path, monkeypatch):
    opened, saved = [], []
    answers = {"open": [], "save": []}

    def get_open(parent, title, folder, filter_):
        opened.append((title, folder))
        return (answers["open"].pop(0) if answers["open"] else ""), ""

    def get_save(parent, title, suggested, filter_):
        saved.append((title, suggested))
        return (answers["save"].pop(0) if answers["save"] else ""), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(get_open))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(get_save))
    window = MainWindow()
    qtbot.addWidget(window)
    this_year = _saved(tmp_path / "用户" / "今年")
    answers["open"].append(str(this_year))
    window.open_dialog()
    assert window.doc.path == this_year
    window.open_dialog()  # the officer opens again, and cancels
    assert opened[1][1] == str(this_year.parent)
    window.new_from_last_year_dialog()
    assert opened[2][1] == str(this_year.parent)  # the same kind of file: the same folder

    exports = tmp_path / "用户" / "发布"
    exports.mkdir()
    answers["save"].append(str(exports / "年报.docx"))
    assert window.export("docx")
    window.export("docx")  # again, cancelled
    assert Path(saved[1][1]).parent == exports
    window.save_as()  # saving the project file still starts beside it, not among the exports
    assert Path(saved[2][1]).parent == this_year.parent
