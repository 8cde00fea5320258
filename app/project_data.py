"""A report as plain data and back: the project file's JSON, each field checked against its type and limits.

``report_to_dict`` and ``report_from_dict`` are the two directions; ``app.storage`` puts them in files (reading
bounded, writing atomically). Old schema versions are migrated step by step (``MIGRATIONS``); every field is
checked before anything else reads it, so a hostile file is refused by name (app/limits/project.py), never
half-read. The format history is in app/storage.py and docs/file-format.md.
"""

from __future__ import annotations

from collections.abc import Callable

from . import __version__
from .cells import Parsed, canonical_text
from .formatdef import CellRef, ReportFormat, known_formats, load_format
from .limits import project as limits
from .report import BODY_KINDS, BODY_SCOPES, Body, LastYear, Report, Unit, clean_text

MARKER = "nianbao-project"
SCHEMA_VERSION = 2

# schema_version N -> function turning a version-N dict into version N+1. Every version from the oldest
# migration up to SCHEMA_VERSION must have a step; the reader applies them one by one.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {
    1: lambda data: {**data, "headings": {}},
}


class ProjectFileError(Exception):
    """A file that cannot be opened as a report; the message is for the officer, in Chinese.

    ``damaged`` marks a file of ours that was cut short or emptied (a save interrupted by a crash or a full
    disk): the one case where the previous version, the ``.bak`` beside it, is worth offering.
    """

    def __init__(self, message: str, damaged: bool = False, reason: str | None = None):
        super().__init__(message)
        self.damaged = damaged
        self.reason = message if reason is None else reason  # the problem alone, without the hint on the backup


# --- to and from plain data -------------------------------------------------------------------------

def _tables_json(fmt: ReportFormat, cells: dict[CellRef, Parsed]) -> dict:
    out: dict = {}
    for table in fmt.tables.values():  # file order follows the official table order
        counts = table.count_cells
        rows: dict = {}
        for ref in table.cells():
            parsed = cells.get(ref)
            if parsed is None:
                continue
            count = parsed.error is None and (ref.row, ref.col) in counts
            rows.setdefault(ref.row, {})[ref.col] = parsed.value if count else parsed.text
        if rows:
            out[table.id] = rows
    return out


def report_to_dict(report: Report) -> dict:
    fmt = report.fmt
    data: dict = {
        "format": MARKER,
        "schema_version": SCHEMA_VERSION,
        "app_version": __version__,
        "report_format": report.format_id,
        "year": report.year,
        "body": {"name": report.body.name, "kind": report.body.kind, "scope": report.body.scope,
                 "signature": report.body.signature, "date": report.body.date},
        "texts": {k: report.texts[k] for k in fmt.text_keys() if report.texts.get(k)},
        "headings": {k: report.headings[k] for k in fmt.text_keys() if report.headings.get(k)},
        "tables": _tables_json(fmt, report.cells),
        "last_year": None,
        "notes": list(report.notes),
    }
    if report.last_year is not None:
        ly = report.last_year
        data["last_year"] = {"year": ly.year, "tables": _tables_json(fmt, ly.cells),
                             "texts": {k: ly.texts[k] for k in fmt.text_keys() if ly.texts.get(k)}}
    if report.units or report.consolidates:  # only a 汇总 has units; other files stay as they were written
        data["units"] = [_unit_json(fmt, u) for u in report.units]
    return data


def _unit_json(fmt: ReportFormat, unit: Unit) -> dict:
    out: dict = {"name": unit.name, "path": unit.path, "sha256": unit.sha256, "year": unit.year}
    if unit.own:
        out["own"] = True
    out["tables"] = _tables_json(fmt, unit.cells)
    return out


_HEX = frozenset("0123456789abcdef")


def _units_from(fmt: ReportFormat, units, report: Report) -> list[Unit]:
    out = []
    for i, item in enumerate(_expect(units, list, "units")):
        where = f"units[{i}]"
        _expect(item, dict, where)
        for key in ("name", "path", "sha256"):
            _expect(item.get(key, ""), str, f"{where}.{key}")
        _limited(item.get("name", ""), f"{where}.name", limits.NAME_CHARS)
        _limited(item.get("path", ""), f"{where}.path", limits.PATH_CHARS)
        sha = item.get("sha256", "")
        if sha and (len(sha) != 64 or not set(sha) <= _HEX):
            raise ProjectFileError(f"文件内容有误：“{where}.sha256”应为64位十六进制的文件校验值")
        own = item.get("own", False)
        if not isinstance(own, bool):
            raise ProjectFileError(f"文件内容有误：“{where}.own”应为 true 或 false")
        out.append(Unit(name=clean_text(item.get("name", "")), path=clean_text(item.get("path", "")), sha256=sha,
                        year=_year(item.get("year"), f"{where}.year"),
                        cells=_cells_from(fmt, item.get("tables", {}), f"{where}.tables", report), own=own))
    return out


def _expect(value, types, where: str):
    if not isinstance(value, types) or (isinstance(value, bool) and bool not in _as_tuple(types)):
        names = {str: "文本", int: "整数", dict: "对象", list: "列表", type(None): "空"}
        wanted = "或".join(names.get(t, t.__name__) for t in _as_tuple(types))
        raise ProjectFileError(f"文件内容有误：“{where}”应为{wanted}")
    return value


def _as_tuple(types) -> tuple:
    return types if isinstance(types, tuple) else (types,)


def _year(value, where: str) -> int | None:
    year = _expect(value, (int, type(None)), where)
    problem = limits.year_problem(year, where)
    if problem:
        raise ProjectFileError(f"文件内容有误：{problem}")
    return year


def _limited(text: str, where: str, limit: int) -> str:
    """A text field of the file within its documented length (before anything else reads it)."""
    problem = limits.text_problem(text, where, limit)
    if problem:
        raise ProjectFileError(f"文件内容有误：{problem}")
    return text


def _count(items: list, where: str, limit: int, what: str) -> list:
    if len(items) > limit:
        raise ProjectFileError(f"文件内容有误：“{where}”有{len(items)}{what}，超过上限{limit}{what}")
    return items


_MAX_COUNT = 10 ** 15  # the cell parser's own limit for a count


def _cells_from(fmt: ReportFormat, tables, where: str, report: Report) -> dict[CellRef, Parsed]:
    cells: dict[CellRef, Parsed] = {}
    for table_id, rows in _expect(tables, dict, where).items():
        if table_id not in fmt.tables:
            raise ProjectFileError(f"文件内容有误：未知的表格“{where}.{limits.shown(table_id)}”")
        table = fmt.tables[table_id]
        counts = table.count_cells
        for row_id, cols in _expect(rows, dict, f"{where}.{table_id}").items():
            for col_id, value in _expect(cols, dict, f"{where}.{table_id}.{row_id}").items():
                # the common case first, already canonical: a count as a plain integer (a 汇总's units are
                # thousands of cells each)
                if type(value) is int and 0 <= value < _MAX_COUNT:
                    ref = counts.get((row_id, col_id))
                    if ref is not None:
                        cells[ref] = Parsed(str(value), value)
                        continue
                if not table.has_cell(row_id, col_id):
                    path = f"{where}.{table_id}.{limits.shown(row_id)}.{limits.shown(col_id)}"
                    raise ProjectFileError(f"文件内容有误：表格中没有单元格“{path}”")
                path = f"{where}.{table_id}.{row_id}.{col_id}"
                if value is None:
                    continue
                if isinstance(value, float):
                    value = repr(value)
                _expect(value, (int, str), path)
                ref = CellRef(table_id, row_id, col_id)
                parsed = report.parse_for(ref, clean_text(str(value)))
                if not parsed.blank:
                    cells[ref] = Parsed(canonical_text(parsed), parsed.value, parsed.error)
    return cells


def _texts_from(fmt: ReportFormat, texts, where: str, limit: int = limits.TEXT_PART_CHARS) -> dict[str, str]:
    out = {}
    keys = set(fmt.text_keys())
    for key, value in _expect(texts, dict, where).items():
        if key not in keys:
            raise ProjectFileError(f"文件内容有误：未知的文字部分“{where}.{limits.shown(key)}”")
        _limited(_expect(value, str, f"{where}.{key}"), f"{where}.{key}", limit)
        if value:
            out[key] = clean_text(value)
    return out


def _headings_from(fmt: ReportFormat, headings) -> dict[str, str]:
    out = _texts_from(fmt, headings, "headings", limits.HEADING_CHARS)
    for key in out:
        if fmt.part(key)[1].heading is None:
            raise ProjectFileError(f"文件内容有误：文字部分“{key}”没有小标题，不能设置 headings.{key}")
    return out


def report_from_dict(data) -> Report:
    """Build a report from a file's parsed JSON, migrating old schema versions; raise ProjectFileError."""
    if not isinstance(data, dict) or data.get("format") != MARKER:
        raise ProjectFileError("这不是年报项目文件（缺少“nianbao-project”格式标记），可能是其他程序的文件")
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ProjectFileError("文件内容有误：缺少有效的文件格式版本号（schema_version）")
    if version > SCHEMA_VERSION:
        writer = data.get("app_version")
        writer = limits.shown(writer) if isinstance(writer, str) else "较新版本"
        raise ProjectFileError(
            f"此文件由较新的 nianbao（{writer}）保存，文件格式版本为{version}，"
            f"本程序只能读取到版本{SCHEMA_VERSION}；请升级 nianbao 后再打开")
    oldest = min(MIGRATIONS, default=SCHEMA_VERSION)
    if version < oldest:
        raise ProjectFileError(f"文件格式版本{version}无效或过旧（本程序可读取版本{oldest}至{SCHEMA_VERSION}）")
    data = _migrate(data, version)
    format_id = data.get("report_format")
    if format_id is None:
        raise ProjectFileError("文件内容有误：缺少年报格式标识（report_format）")
    if not isinstance(format_id, str) or format_id not in known_formats():
        raise ProjectFileError(f"不支持的年报格式“{limits.shown(format_id)}”")
    fmt = load_format(format_id)
    report = Report(format_id=format_id)
    report.year = _year(data.get("year"), "year")
    body = _expect(data.get("body", {}), dict, "body")
    for name in ("name", "kind", "scope", "signature", "date"):
        _expect(body.get(name, ""), str, f"body.{name}")
    _limited(body.get("name", ""), "body.name", limits.NAME_CHARS)
    _limited(body.get("signature", ""), "body.signature", limits.NAME_CHARS)
    if "units" in data:  # counted before any unit, or any cell, is read
        problem = limits.units_problem(len(_expect(data["units"], list, "units")))
        if problem:
            raise ProjectFileError(f"文件内容有误：{problem}")
    report.body = Body(name=clean_text(body.get("name", "")), kind=body.get("kind", "department"),
                       scope=body.get("scope", "own"), signature=clean_text(body.get("signature", "")),
                       date=body.get("date", ""))
    if report.body.kind not in BODY_KINDS or report.body.scope not in BODY_SCOPES:
        raise ProjectFileError("文件内容有误：body.kind 或 body.scope 的取值无效")
    if report.body.date and report.body.date_value() is None:
        raise ProjectFileError(f"文件内容有误：成文日期“{limits.shown(report.body.date)}”不是有效日期")
    report.texts = _texts_from(fmt, data.get("texts", {}), "texts")
    report.headings = _headings_from(fmt, data.get("headings", {}))
    report.cells = _cells_from(fmt, data.get("tables", {}), "tables", report)
    ly = data.get("last_year")
    if ly is not None:
        _expect(ly, dict, "last_year")
        report.last_year = LastYear(
            year=_year(ly.get("year"), "last_year.year"),
            cells=_cells_from(fmt, ly.get("tables", {}), "last_year.tables", report),
            texts=_texts_from(fmt, ly.get("texts", {}), "last_year.texts"),
        )
    notes = _count(_expect(data.get("notes", []), list, "notes"), "notes", limits.NOTES, "条")
    report.notes = [clean_text(_limited(_expect(n, str, "notes[]"), f"notes[{i}]", limits.NOTE_CHARS))
                    for i, n in enumerate(notes)]
    report.units = _units_from(fmt, data.get("units", []), report)
    report.consolidates = "units" in data
    return report


def _migrate(data: dict, version: int) -> dict:
    """Apply the migrations from ``version`` up to SCHEMA_VERSION, one step at a time."""
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:  # pragma: no cover - a gap in MIGRATIONS is a programming error, caught by the tests
            raise ProjectFileError(f"无法升级文件格式版本{version}：缺少升级步骤")
        try:
            data = step(data)
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as e:
            raise ProjectFileError(f"文件格式版本{version}的内容有误，无法升级到版本{version + 1}") from e
        if not isinstance(data, dict):
            raise ProjectFileError(f"文件格式版本{version}的内容有误，无法升级到版本{version + 1}")
        version += 1
        data["schema_version"] = version
    return data
