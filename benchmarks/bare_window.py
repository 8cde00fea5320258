"""Baseline for the start-up benchmark: a bare PySide6 window with one table, shown once."""

import os
import sys
import time

from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QTableWidget(28, 10))
window.show()
app.processEvents()
window.repaint()
app.processEvents()
if os.environ.get("NIANBAO_PRINT_SHOWN"):
    print(f"shown {time.time():.6f} {time.process_time():.6f}", flush=True)
