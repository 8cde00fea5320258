"""Step 基本信息: body, year, kind and scope, 落款 and 成文日期, and the optional 报告说明."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.report import BODY_KINDS, BODY_SCOPES, guess_body_kind

from .document import ReportDocument
from .text_page import PartEditor
from .undo_keys import UndoKeyFilter

_NO_DATE = QDate(2000, 1, 1)


class BasicPage(QScrollArea):
    def __init__(self, doc: ReportDocument, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        outer = QVBoxLayout(inner)
        outer.addWidget(QLabel("<h2>基本信息</h2>"))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)

        self.name = QLineEdit()
        self.name.setObjectName("body.name")
        self.name.setPlaceholderText("如：天山乡人民政府、××市商务局")
        self.name.textEdited.connect(self._name_edited)
        form.addRow("机关名称：", self.name)

        self.year = QSpinBox()
        self.year.setObjectName("year")
        self.year.setRange(2000, 2100)
        self.year.setSpecialValueText("未填写")
        self.year.setMinimum(1999)
        self.year.valueChanged.connect(lambda v: doc.set_year(None if v == 1999 else v))
        form.addRow("报告年度：", self.year)

        self.kind_group, kind_row = self._radios(BODY_KINDS, "kind")
        form.addRow("机关类型：", kind_row)
        self.scope_group, scope_row = self._radios(BODY_SCOPES, "scope")
        form.addRow("报告范围：", scope_row)

        self.signature = QLineEdit()
        self.signature.setObjectName("body.signature")
        self.signature.setPlaceholderText("落款的机关全称，如：哈密市伊州区天山乡人民政府")
        self.signature.textEdited.connect(lambda t: doc.set_body_field("signature", t))
        form.addRow("落款：", self.signature)

        self.date = QDateEdit()
        self.date.setObjectName("body.date")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy年M月d日")
        self.date.setMinimumDate(_NO_DATE)
        self.date.setSpecialValueText("未填写")
        self.date.dateChanged.connect(self._date_changed)
        form.addRow("成文日期：", self.date)
        outer.addLayout(form)
        keys = UndoKeyFilter(doc, self)
        for widget in (self.name, self.signature, self.year, self.date):
            widget.installEventFilter(keys)

        self.title = QLabel()
        self.title.setObjectName("titlePreview")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size:15pt;padding:8px;background:#fafafa;border:1px solid #ddd;")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(QLabel("报告标题（自动生成）："))
        outer.addWidget(self.title)

        preamble = doc.fmt.section("preamble")
        self.preamble = PartEditor(doc, preamble, preamble.parts[0])
        outer.addWidget(self.preamble)
        outer.addStretch(1)
        self.setWidget(inner)
        doc.bodyChanged.connect(self.reload)
        self.reload()

    def _radios(self, options: dict[str, str], field: str):
        group = QButtonGroup(self)
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        for value, label in options.items():
            button = QRadioButton(label)
            button.setObjectName(f"body.{field}.{value}")
            button.setProperty("value", value)
            group.addButton(button)
            layout.addWidget(button)
            button.toggled.connect(lambda on, v=value: on and self.doc.set_body_field(field, v))
        layout.addStretch(1)
        return group, row

    def _name_edited(self, text: str) -> None:
        self.doc.set_body_field("name", text)
        # 人民政府 must also report 考核、评议、追究; guess the kind while the officer types the name
        kind = guess_body_kind(text)
        if text.strip() and kind != self.doc.report.body.kind and kind == "government":
            self.doc.set_body_field("kind", kind)

    def _date_changed(self, date: QDate) -> None:
        self.doc.set_body_field("date", "" if date == _NO_DATE else date.toString("yyyy-MM-dd"))

    def reload(self) -> None:
        r = self.doc.report
        for widget, value in ((self.name, r.body.name), (self.signature, r.body.signature)):
            if widget.text() != value:
                widget.setText(value)
        self.year.blockSignals(True)
        self.year.setValue(r.year if r.year is not None else 1999)
        self.year.blockSignals(False)
        for group, value in ((self.kind_group, r.body.kind), (self.scope_group, r.body.scope)):
            for button in group.buttons():
                if button.property("value") == value and not button.isChecked():
                    button.blockSignals(True)
                    button.setChecked(True)
                    button.blockSignals(False)
        d = r.body.date_value()
        self.date.blockSignals(True)
        self.date.setDate(QDate(d.year, d.month, d.day) if isinstance(d, dt.date) else _NO_DATE)
        self.date.blockSignals(False)
        self.title.setText(r.title() if r.body.name.strip() else "（请先填写机关名称）")
