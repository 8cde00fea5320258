"""Starting the desktop app: QApplication, fonts, crash dialog, and the screenshot/benchmark modes."""

from __future__ import annotations

import os
import sys
import time
import traceback
from pathlib import Path

from app.paths import log_dir


def _install_excepthook() -> None:
    """An uncaught exception is logged and shown with copyable details; the app keeps running."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    def hook(exc_type, exc, tb):
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        _log().error("uncaught exception\n%s", details)
        if os.environ.get("NIANBAO_RAISE"):  # tests want the failure, not a dialog
            sys.__excepthook__(exc_type, exc, tb)
            return
        app = QApplication.instance()
        if app is None:
            return
        box = QMessageBox(QMessageBox.Icon.Critical, "程序出错",
                          "程序遇到了一个意外错误。您的工作已自动保存，可以继续编辑；请把详细信息发给技术支持。")
        box.setDetailedText(details)
        box.exec()

    sys.excepthook = hook


def _log():
    """The program's log file, opened on the first error: nothing else is logged, and start-up stays lean."""
    import logging

    log = logging.getLogger("nianbao")
    if log.handlers:
        return log
    try:
        handler: logging.Handler = logging.FileHandler(log_dir() / "nianbao.log", encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return log


def _input_method_fallback() -> None:
    """Qt from PyPI ships IBus but no fcitx plugin: with QT_IM_MODULE=fcitx (common on 统信UOS/麒麟) the
    officer could not type Chinese at all. fcitx5 serves IBus clients, so ask for IBus instead."""
    if not sys.platform.startswith("linux") or not os.environ.get("QT_IM_MODULE", "").startswith("fcitx"):
        return
    import PySide6

    plugins = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforminputcontexts"
    if not any("fcitx" in p.name for p in plugins.glob("*")):
        os.environ["QT_IM_MODULE"] = "ibus"


def _chinese_system_dates() -> None:
    """Qt's file dialog writes modification dates with the *system* locale, which QLocale.setDefault does not
    change; on a Linux desktop set to English (or plain C) they read "3 12 2026". Qt reads the system locale
    from the environment when the application starts, so ask for Chinese dates there. Windows and macOS take
    it from the OS, where a Chinese officer's system is Chinese already."""
    if not sys.platform.startswith("linux") or os.environ.get("LC_ALL"):
        return  # LC_ALL wins over LC_TIME: the officer asked for one locale for everything
    current = os.environ.get("LC_TIME") or os.environ.get("LANG", "")
    if not current.startswith("zh"):
        os.environ["LC_TIME"] = "zh_CN.UTF-8"


def install_chinese(app) -> None:
    """Chinese everywhere: the default locale (dates, numbers, Qt's own widgets) and Qt's own strings.

    qtbase's catalogue from the wheel comes first; ours (resources/translations) is installed after it, so Qt
    searches it first, and it holds only the strings qtbase's leaves in English ("Look in", "Files of type",
    "Folder"). Dialogs stay native where the platform has them (Windows, a desktop portal on Linux): they
    follow the system's own language.
    """
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    from app.resources_path import resource_path

    chinese = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    QLocale.setDefault(chinese)
    qtbase = QTranslator(app)
    if qtbase.load(chinese, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qtbase)
    ours = QTranslator(app)
    if ours.load(str(resource_path("translations", "qt_extra_zh_CN.qm"))):
        app.installTranslator(ours)


def make_app():
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from app.resources_path import icon_files

    from ..palette import ui_font

    _input_method_fallback()
    if QApplication.instance() is None:
        _chinese_system_dates()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("nianbao")
    app.setApplicationDisplayName("年报编制助手")
    app.setDesktopFileName("nianbao")
    app.setFont(ui_font(10))
    icon = QIcon()
    for path in icon_files():
        icon.addFile(str(path))
    app.setWindowIcon(icon)
    install_chinese(app)
    return app


def run(file: str | None = None, screenshot_dir: str | None = None, exit_after_show: bool = False,
        example: bool = False, screenshot_size: tuple[int, int] = (1366, 768)) -> int:
    if (screenshot_dir or exit_after_show) and "QT_QPA_PLATFORM" not in os.environ and not os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from app import syslibs

    # before Qt is imported: a missing system library makes the import raise, or Qt abort in English
    problem = syslibs.check()
    if problem:
        print(problem, file=sys.stderr)
        return syslibs.EXIT_MISSING
    app = make_app()
    _install_excepthook()
    from .main_window import MainWindow, example_path

    window = MainWindow()
    if screenshot_dir:
        from .screenshots import render_all

        return render_all(window, Path(file) if file else example_path(), Path(screenshot_dir), screenshot_size)
    if file:
        window.open_path(file)
    elif example:
        window.open_example()
    if window.doc is None:
        window.show_start()
    window.show()
    if not (screenshot_dir or exit_after_show):
        window.offer_recovery()
    if exit_after_show:
        app.processEvents()
        window.repaint()
        app.processEvents()
        if os.environ.get("NIANBAO_PRINT_SHOWN"):  # benchmarks/bench_gui.py: start-up ends at the first paint
            print(f"shown {time.time():.6f} {time.process_time():.6f}", flush=True)
        return 0
    return app.exec()
