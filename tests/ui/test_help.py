"""帮助 › 使用说明: the packaged guide, with the steps, every check and the folders filled in from the program."""

from __future__ import annotations

import dataclasses
from fnmatch import fnmatch

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QTextBrowser

from app import paths
from app.formatdef import RuleInfo, load_format


def _shown(window) -> str:
    action = next(a for m in window.menuBar().findChildren(type(window.edit_menu)) for a in m.actions()
                  if a.text() == "使用说明")
    assert QKeySequence(QKeySequence.StandardKey.HelpContents) in action.shortcuts()
    action.trigger()
    return window.help_dialog.findChild(QTextBrowser, "helpText").toPlainText()


def test_the_guide_lists_every_check_of_the_format_with_its_id_and_title(window):
    text = _shown(window)
    rules = load_format().rules.values()
    assert len(rules) >= 40
    for rule in rules:
        assert rule.id in text and rule.title in text, rule.id
    assert "<!--" not in text


def test_the_guide_names_the_steps_the_keys_and_this_computers_folders(window):
    text = _shown(window)
    for title in [s.title for s in load_format().sections if s.title] + ["基本信息", "检查与导出"]:
        assert title in text
    for key in ("Ctrl+S", "Ctrl+Z", "Ctrl+H", "F2"):
        assert key in text
    assert str(paths.data_dir()) in text and str(paths.config_dir()) in text  # (NIANBAO_HOME in tmp_path)
    assert "1月31日" in text and "3月31日" in text


def test_the_checks_are_read_from_the_format_when_shown_not_copied(qtbot):
    from ui.dialogs.help_dialog import HelpDialog

    fmt = load_format()
    rules = {"Z-9": RuleInfo("Z-9", "warning", "只在此格式中的检查", "", None, {}), **fmt.rules}
    dialog = HelpDialog(fmt=dataclasses.replace(fmt, rules=rules))
    qtbot.addWidget(dialog)
    assert "Z-9 只在此格式中的检查 警告" in " ".join(dialog.browser.toPlainText().split())


def test_the_guide_is_one_packaged_file_the_docs_point_at():
    from ui.dialogs.help_dialog import guide_path

    root = guide_path().parents[2]
    assert guide_path().is_file()
    # packaged: pyproject's package-data for resources (tests/test_packaging.py checks the bundle takes the same)
    assert '"help/*.md"' in (root / "pyproject.toml").read_text(encoding="utf-8")
    assert fnmatch(guide_path().relative_to(root / "resources").as_posix(), "help/*.md")
    assert "resources/help/使用说明.md" in (root / "docs" / "使用说明.md").read_text(encoding="utf-8")
