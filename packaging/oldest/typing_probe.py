"""A line edit for packaging/oldest/typing.sh: prints what was typed into it, then exits.

    python typing_probe.py SECONDS

Run with QT_IM_MODULE=fcitx: the text then arrives through fcitx5 and the bundle's fcitx5 plugin.
"""

import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit

app = QApplication(sys.argv[:1])
edit = QLineEdit()
edit.setWindowTitle("nianbao-typing-probe")
edit.resize(400, 40)
edit.show()
edit.activateWindow()
edit.setFocus()
print(f"probe: platform {QGuiApplication.platformName()}, QT_IM_MODULE={os.environ.get('QT_IM_MODULE')}", flush=True)


def finish():
    print(f"probe: text {edit.text()!r}", flush=True)
    app.quit()


QTimer.singleShot(int(float(sys.argv[1]) * 1000) if len(sys.argv) > 1 else 20000, finish)
sys.exit(app.exec())
