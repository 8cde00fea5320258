"""Every file dialog of the app, through one table of what each is for (its purpose) and the folder it opens in.

Each purpose remembers the folder it was last used in, since last year's reports, this year's project files,
exports, published reports and the units' files usually live in different places. A purpose missing from the
table is a programming error that must fail in the tests, not in the officer's hands: it is refused before
any dialog opens (the 核对已发布版本 button once crashed on a purpose that was not in the table).

Qt picks the platform's native dialog where there is one (Windows, a desktop portal on Linux); elsewhere its
own, translated by ui.window.launch.install_chinese.
"""

from __future__ import annotations

from .. import settings

# purpose → the folder it shares with others. A published report to compare lives where those to import do;
# last year's project file where this year's are opened from.
PURPOSES: dict[str, str] = {
    "open": "open",  # 打开年报文件
    "last_year": "open",  # 以上年年报为基础新建: last year's project file
    "save": "save",  # 另存为
    "import": "import",  # 从已发布的年报导入
    "compare": "import",  # 核对已发布版本: the published page or file
    "export": "export",  # 导出 Word/PDF/网页版/表格
    "export_all": "export",  # 导出全部: the folder to write into
    "units": "units",  # 汇总: the units' report files and folders
}


def folder_key(purpose: str) -> str:
    try:
        return PURPOSES[purpose]
    except KeyError:
        raise ValueError(f"file dialog purpose {purpose!r} is not in ui.dialogs.file_dialogs.PURPOSES") from None


def start_folder(purpose: str) -> str:
    return settings.last_folder(folder_key(purpose)) or ""


def remember(purpose: str, path: str) -> None:
    if path:
        settings.set_last_folder(folder_key(purpose), path)


def _dialog():
    from PySide6.QtWidgets import QFileDialog  # dialogs load on first use: start-up stays lean

    return QFileDialog


def open_file(parent, title: str, filter_: str, purpose: str) -> str | None:
    start = start_folder(purpose)
    path, _ = _dialog().getOpenFileName(parent, title, start, filter_)
    remember(purpose, path)
    return path or None


def open_files(parent, title: str, filter_: str, purpose: str) -> list[str]:
    start = start_folder(purpose)
    paths, _ = _dialog().getOpenFileNames(parent, title, start, filter_)
    if paths:
        remember(purpose, paths[0])
    return list(paths)


def save_file(parent, title: str, suggested: str, filter_: str, purpose: str) -> str | None:
    """``suggested`` is a whole path (the caller knows the report's own folder and name); without a folder of its
    own it goes into the purpose's last folder."""
    folder_key(purpose)
    path, _ = _dialog().getSaveFileName(parent, title, suggested, filter_)
    remember(purpose, path)
    return path or None


def choose_folder(parent, title: str, purpose: str) -> str | None:
    start = start_folder(purpose)
    path = _dialog().getExistingDirectory(parent, title, start)
    remember(purpose, path)
    return path or None

