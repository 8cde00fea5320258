"""Every file dialog goes through one table of purposes (ui.dialogs.file_dialogs): each button that opens one
works, each purpose opens where it was last used, and no code outside that module calls QFileDialog."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from ui.dialogs import file_dialogs

from .test_compare import published

ROOT = Path(__file__).resolve().parents[2]
ASKS = {"ask_open_path": 2, "ask_save_path": 3, "ask_open_paths": 2, "ask_folder": 1, "_ask_open_path": 3,
        "open_file": 3, "open_files": 3, "save_file": 4, "choose_folder": 2}  # name → index of the purpose argument


def _purposes_in_source() -> list[tuple[str, str]]:
    """(where, purpose) for every literal purpose passed to a file dialog anywhere in ui/."""
    found = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if name not in ASKS:
                continue
            args = [kw.value for kw in node.keywords if kw.arg == "purpose"]
            if not args and len(node.args) > ASKS[name]:
                args = [node.args[ASKS[name]]]
            for arg in args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.append((f"{path.relative_to(ROOT)}:{node.lineno}", arg.value))
    return found


def test_every_purpose_the_code_names_is_in_the_table():
    found = _purposes_in_source()
    assert {"compare", "import", "export", "export_all", "units", "last_year"} <= {p for _, p in found}
    assert [(where, p) for where, p in found if p not in file_dialogs.PURPOSES] == []


def test_no_module_but_the_table_opens_a_file_dialog_itself():
    users = [str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py")
             if "QFileDialog" in p.read_text(encoding="utf-8")]
    assert users == ["ui/dialogs/file_dialogs.py"]


def test_an_unknown_purpose_fails_before_any_dialog_opens(monkeypatch):
    shown = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a: shown.append(a) or ("", "")))
    with pytest.raises(ValueError, match="not in"):
        file_dialogs.open_file(None, "t", "", "no-such-purpose")
    assert shown == []


@pytest.mark.parametrize("purpose", sorted(file_dialogs.PURPOSES))
def test_each_purpose_opens_where_it_was_last_used(purpose, tmp_path, monkeypatch):
    monkeypatch.setenv("NIANBAO_HOME", str(tmp_path / "home"))
    folder = tmp_path / "用户" / "年报 2025"
    folder.mkdir(parents=True)
    chosen = folder / "报告.nianbao"
    chosen.write_text("", encoding="utf-8")
    starts = []

    def get_file(_parent, _title, start, *_rest):
        starts.append(start)
        return (str(chosen), "")

    def get_files(_parent, _title, start, *_rest):
        starts.append(start)
        return ([str(chosen)], "")

    def get_folder(_parent, _title, start, *_rest):
        starts.append(start)
        return str(folder)

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(get_file))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(get_files))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(get_folder))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(get_file))
    assert file_dialogs.open_file(None, "打开", "", purpose) == str(chosen)
    assert file_dialogs.open_files(None, "打开", "", purpose) == [str(chosen)]
    assert file_dialogs.choose_folder(None, "文件夹", purpose) == str(folder)
    assert file_dialogs.save_file(None, "保存", str(chosen), "", purpose) == str(chosen)
    assert starts[0] == ""  # the very first time: Qt's own choice
    assert starts[1:] == [str(folder), str(folder), str(chosen)]  # a save starts at the name suggested
    # purposes that share a folder (a published report to compare lives where those to import do) share it
    for other, key in file_dialogs.PURPOSES.items():
        assert (file_dialogs.start_folder(other) == str(folder)) == (key == file_dialogs.PURPOSES[purpose])


def test_choosing_a_published_file_to_compare_works(window, dialogs, tmp_path):
    """The blocker of issue 23: 核对已发布版本 › 选择已发布的文件… raised ValueError for any file."""
    page = window.editor.go_to_step("export")
    page.compare_button.click()
    dialog = page.compare_dialog
    html, _ = published(window)
    saved = tmp_path / "网站" / "已发布 年报.html"
    saved.parent.mkdir()
    saved.write_text(html, encoding="utf-8")
    dialogs.paths.append(str(saved))
    dialog.file_button.click()
    assert dialogs.file_dialogs == ["选择已发布的年报"]
    assert "已发布的版本与本报告一致" in dialog.summary.text()
    assert file_dialogs.start_folder("import") == str(saved.parent)
