"""文件 › 新建汇总年报: the consolidating body and the year; the units are added on the 汇总各单位 step next."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QVBoxLayout

from app.limits import project as limits

_INTRO = ("汇总年报把本行政区域各单位（政府部门、乡镇街道、下属单位）的年报逐格相加，"
          "形成本级政府的年度报告。下一步在“汇总各单位”中添加各单位的年报文件。")


class NewSummaryDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("新建汇总年报")
        layout = QVBoxLayout(self)
        intro = QLabel(_INTRO)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setObjectName("summaryName")
        self.name.setPlaceholderText("如：××县人民政府")
        form.addRow("汇总机关名称：", self.name)
        self.year = QSpinBox()
        self.year.setObjectName("summaryYear")
        self.year.setRange(limits.YEAR_MIN, limits.YEAR_MAX)
        self.year.setValue(dt.date.today().year - 1)  # reports are written in the first months of the next year
        form.addRow("报告年度：", self.year)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("新建")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.name.textChanged.connect(self._update_ok)
        self._update_ok()
        self.setMinimumWidth(420)

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.name.text().strip()))

    def values(self) -> tuple[str, int]:
        return self.name.text().strip(), self.year.value()
