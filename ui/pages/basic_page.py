"""Step 基本信息: body, year, kind and scope, 落款 and 成文日期, and the optional 报告说明."""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCalendarWidget,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.dates import DateError, format_date, parse_date
from app.limits import project as limits
from app.report import BODY_KINDS, BODY_SCOPES, guess_body_kind

from ..document import ReportDocument
from ..undo_keys import UndoKeyFilter
from .text_page import PartEditor

_CHINESE = QLocale(QLocale.Language.Chinese, QLocale.Country.China)


_NO_YEAR = limits.YEAR_MIN - 1  # the spin box's "未填写"

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
        self.name.setMaxLength(limits.NAME_CHARS)
        self.name.setPlaceholderText("如：天山乡人民政府、××市商务局")
        self.name.textEdited.connect(self._name_edited)
        form.addRow("机关名称：", self.name)

        self.year = QSpinBox()
        self.year.setObjectName("year")
        self.year.setRange(_NO_YEAR, limits.YEAR_MAX)  # the years a project file holds (app/limits/project.py)
        self.year.setSpecialValueText("未填写")
        self.year.valueChanged.connect(lambda v: doc.set_year(None if v == _NO_YEAR else v))
        form.addRow("报告年度：", self.year)

        self.kind_group, kind_row = self._radios(BODY_KINDS, "kind")
        form.addRow("机关类型：", kind_row)
        self.scope_group, scope_row = self._radios(BODY_SCOPES, "scope")
        form.addRow("报告范围：", scope_row)

        self.signature = QLineEdit()
        self.signature.setObjectName("body.signature")
        self.signature.setMaxLength(limits.NAME_CHARS)
        self.signature.setPlaceholderText("落款的机关全称，如：哈密市伊州区天山乡人民政府")
        self.signature.textEdited.connect(lambda t: doc.set_body_field("signature", t))
        form.addRow("落款：", self.signature)

        form.addRow("成文日期：", self._date_row())
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

    def _date_row(self) -> QWidget:
        """A text box read by app.dates (a QDateEdit refuses 2026-01-20 and its 未填写 text gets in the way),
        a calendar button beside it, and a line for what could not be read."""
        self._shown_date: str | None = None  # Body.date as last put in the box; None before the first reload
        self.date = QLineEdit()
        self.date.setObjectName("body.date")
        self.date.setPlaceholderText("未填写；如 2026年1月20日，也可输入 2026-1-20 或 2026.1.20")
        self.date.editingFinished.connect(self._date_entered)
        self.calendar_button = QToolButton()
        self.calendar_button.setObjectName("dateCalendarButton")
        self.calendar_button.setText("日历…")
        self.calendar_button.setToolTip("从日历中选择成文日期")
        self.calendar_button.clicked.connect(self.show_calendar)
        self.calendar: QCalendarWidget | None = None  # built on first use
        self.date_message = QLabel()
        self.date_message.setObjectName("dateMessage")
        self.date_message.setStyleSheet("color:#c0392b;")
        self.date_message.setWordWrap(True)
        self.date_message.hide()
        box = QWidget()
        rows = QVBoxLayout(box)
        rows.setContentsMargins(0, 0, 0, 0)
        line = QHBoxLayout()
        line.addWidget(self.date, 1)
        line.addWidget(self.calendar_button)
        rows.addLayout(line)
        rows.addWidget(self.date_message)
        return box

    def _default_year(self) -> int | None:
        """The year a 成文日期 falls in: the report of year N is issued in N + 1."""
        return self.doc.report.year + 1 if self.doc.report.year else None

    def _date_entered(self) -> None:
        text = self.date.text()
        try:
            date = parse_date(text, self._default_year())
        except DateError as e:
            # keep what the officer typed so it can be corrected, and say why nothing changed
            self._say_date(f"{e}；成文日期未更改")
            return
        self._say_date("")
        value = date.isoformat() if date else ""
        self._shown_date = value
        if date is not None and text != format_date(date):
            self.date.setText(format_date(date))
        self.doc.set_body_field("date", value)

    def _say_date(self, message: str) -> None:
        self.date_message.setText(message)
        self.date_message.setVisible(bool(message))

    def show_calendar(self) -> None:
        """The calendar opens at the date in the box, else at January of the year the report is issued."""
        if self.calendar is None:
            self.calendar = QCalendarWidget(self)
            self.calendar.setObjectName("dateCalendar")
            self.calendar.setWindowFlags(Qt.WindowType.Popup)
            self.calendar.setLocale(_CHINESE)
            self.calendar.setGridVisible(True)
            self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
            self.calendar.clicked.connect(self._date_picked)
            self.calendar.activated.connect(self._date_picked)
        try:
            date = parse_date(self.date.text(), self._default_year()) or self.doc.report.body.date_value()
        except DateError:
            date = self.doc.report.body.date_value()
        if date is not None:
            self.calendar.setSelectedDate(QDate(date.year, date.month, date.day))
        else:
            self.calendar.setCurrentPage(self._default_year() or QDate.currentDate().year(), 1)
        self.calendar.adjustSize()
        self.calendar.move(self.date.mapToGlobal(self.date.rect().bottomLeft()))
        self.calendar.show()
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _date_picked(self, date: QDate) -> None:
        if self.calendar is not None:
            self.calendar.hide()
        self.date.setText(format_date(date.toPython()))
        self._date_entered()

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

    def reload(self) -> None:
        r = self.doc.report
        for widget, value in ((self.name, r.body.name), (self.signature, r.body.signature)):
            if widget.text() != value:
                widget.setText(value)
        self.year.blockSignals(True)
        self.year.setValue(r.year if r.year is not None else _NO_YEAR)
        self.year.blockSignals(False)
        for group, value in ((self.kind_group, r.body.kind), (self.scope_group, r.body.scope)):
            for button in group.buttons():
                if button.property("value") == value and not button.isChecked():
                    button.blockSignals(True)
                    button.setChecked(True)
                    button.blockSignals(False)
        if r.body.date != self._shown_date:
            # only when the date itself changed (undo, a fix): another field's edit must not wipe a
            # date the officer is still correcting
            self._shown_date = r.body.date
            d = r.body.date_value()
            self.date.setText(format_date(d) if d else "")
            self._say_date("")
        self.title.setText(r.title() if r.body.name.strip() else "（请先填写机关名称）")
