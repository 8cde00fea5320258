"""Limits of the project file and of the values it holds: years, text lengths, units (see the package doc).

``storage`` refuses a file past one of them when it loads it (a ProjectFileError naming the field and the
limit), and refuses to write one, so nianbao never saves a file it would not open again. The cell values
have their own limit in the one number parser (``app.cells.MAX_SIGNIFICANT_DIGITS``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..report import Report

__all__ = [
    "FIELD_LABELS", "HEADING_CHARS", "MAX_UNITS", "NAME_CHARS", "NOTES", "NOTE_CHARS", "PATH_CHARS",
    "TEXT_PART_CHARS", "YEAR_MAX", "YEAR_MIN", "report_problem", "shown", "text_problem", "units_problem",
    "year_problem",
]

# 《政府信息公开条例》 took effect on 2008-05-01, so 2008 is the first year with a report; a year past 2100 is a
# typo (or a hostile file: a year of thousands of digits once hung the window).
YEAR_MIN, YEAR_MAX = 2008, 2100
# A body's name, its 落款 and a unit's name: the longest real ones (a 街道办事处 of a 新区管委会) have under 40
# characters, the title line holds about 28 a line. An 18 MB name once took the window 100 s to show.
NAME_CHARS = 200
HEADING_CHARS = 200  # a part's own sub-heading, one line of print
# One text part: the longest in the real reports has under 20,000 characters (the whole report about that);
# ten times that is room for any report and equals the importer's limit for one paragraph.
TEXT_PART_CHARS = 200_000
NOTE_CHARS = 10_000  # one note of where the report came from (the app writes a line, an import names its file)
NOTES = 1000
PATH_CHARS = 4096  # a unit's file path: the longest path Linux opens (Windows' usual limit is 260)
# Units of one 汇总: its direct children (each level sums its own departments and the next level's 汇总s): a
# large county has 100-200, a province under 150 departments and cities. 5,000 leaves room for an office that
# sums every body of a city at once, and keeps the file within storage.MAX_FILE_BYTES (5,000 full units are
# about 16 MB, written one line each) and the window's list bounded.
MAX_UNITS = 5_000

FIELD_LABELS = {"year": "年度", "last_year.year": "上年年度", "body.name": "机关名称", "body.signature": "落款",
                "texts": "文字部分", "last_year.texts": "上年文字部分", "headings": "小标题", "notes": "说明",
                "units": "汇总单位名单"}


def shown(value, limit: int = 40) -> str:
    """A value of the file as a message may quote it: a hostile file's field can be megabytes long."""
    text = str(value) if not isinstance(value, int) or value.bit_length() < 200 else "（极大的整数）"
    return text if len(text) <= limit else text[:limit] + f"…（共{len(text)}字）"


def _label(where: str) -> str:
    """The field's Chinese name for the officer: "texts.overall.intro" is a 文字部分, "units[3].year" a unit's."""
    parts = where.split("[", 1)[0].split(".")
    for n in range(len(parts), 0, -1):
        label = FIELD_LABELS.get(".".join(parts[:n]))
        if label:
            return f"（{label}）"
    return ""


def year_problem(year: int | None, where: str = "year") -> str | None:
    """Why a year cannot be a report's (None when it can: a year within the range, or not filled in)."""
    if year is None or YEAR_MIN <= year <= YEAR_MAX:
        return None
    return (f"“{where}”{_label(where)}为{shown(year)}，应在{YEAR_MIN}年至{YEAR_MAX}年之间"
            f"（《政府信息公开条例》自{YEAR_MIN}年5月1日起施行）")


def text_problem(text: str, where: str, limit: int) -> str | None:
    """Why a text field is too long for the project file (None when it is not)."""
    if len(text) <= limit:
        return None
    return f"“{where}”{_label(where)}有{len(text)}个字符，超过上限{limit}个字符"


def units_problem(count: int) -> str | None:
    """Why a 汇总 cannot hold so many units (None when it can)."""
    if count <= MAX_UNITS:
        return None
    return (f"汇总的单位有{count}个，超过上限{MAX_UNITS}个（汇总计入的是本级部门和下一级政府，最多几百个），"
            "请检查是否选错了文件夹")


def report_problem(report: Report) -> str | None:
    """What keeps ``report`` from being written as a file ``storage.load`` opens again (None: nothing)."""
    checks = [year_problem(report.year, "year"),
              text_problem(report.body.name, "body.name", NAME_CHARS),
              text_problem(report.body.signature, "body.signature", NAME_CHARS),
              units_problem(len(report.units))]
    checks += [text_problem(t, f"texts.{k}", TEXT_PART_CHARS) for k, t in report.texts.items()]
    checks += [text_problem(t, f"headings.{k}", HEADING_CHARS) for k, t in report.headings.items()]
    if report.last_year is not None:
        checks.append(year_problem(report.last_year.year, "last_year.year"))
        checks += [text_problem(t, f"last_year.texts.{k}", TEXT_PART_CHARS)
                   for k, t in report.last_year.texts.items()]
    for i, unit in enumerate(report.units):
        checks += [text_problem(unit.name, f"units[{i}].name", NAME_CHARS),
                   text_problem(unit.path, f"units[{i}].path", PATH_CHARS),
                   year_problem(unit.year, f"units[{i}].year")]
    if len(report.notes) > NOTES:
        checks.append(f"“notes”有{len(report.notes)}条，超过上限{NOTES}条")
    checks += [text_problem(n, f"notes[{i}]", NOTE_CHARS) for i, n in enumerate(report.notes)]
    return next((c for c in checks if c), None)
