"""生成下级填报文件: for each unit of a 汇总, a blank report file and a fill-in workbook, named after the unit.

A unit with the app opens its ``<单位>.nianbao`` (body name and year already filled); a unit without it
fills ``<单位>.xlsx`` in Excel or WPS (``app.export.xlsx.fill_in_workbook``). Either file comes back and is
read by ``nianbao consolidate`` (the workbook through the importer, checked cell by cell).

The units are the 汇总's own list (``Report.units``, the office's own 本机关 report left out: it is made in
the app) or names given. Nothing is written unless every file can be: names that cannot be file names,
two units with the same file name and files already there (without ``force``) are all refused first.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .. import oserrors, storage
from ..export.word import ExportError
from ..export.xlsx import fill_in_workbook, write_bytes
from ..report import Body, Report, guess_body_kind

WORKBOOK_SUFFIX = ".xlsx"
MAX_NAME = 80  # characters of a file name taken from a unit's name; Windows paths stay under their limit
_NOT_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


class PackError(Exception):
    """Nothing was written; the message says why, in Chinese."""


def unit_names(total: Report) -> list[str]:
    """The units a 汇总 expects, in its order, each once (its own 本机关 report left out)."""
    out: list[str] = []
    for unit in total.units:
        name = unit.name.strip()
        if name and not unit.own and name not in out:
            out.append(name)
    return out


def split_names(text: str) -> list[str]:
    """Names as typed on a command line or in a box: 甲局,乙镇 / 甲局，乙镇 / 甲局、乙镇 (each once)."""
    out: list[str] = []
    for name in re.split(r"[,，、;；\n]", text):
        name = name.strip()
        if name and name not in out:
            out.append(name)
    return out


def file_stem(name: str) -> str:
    """The unit's name as a file name: characters Windows refuses become “_”; "" when nothing is left."""
    stem = _NOT_IN_NAMES.sub("_", name.strip()).rstrip(". ")[:MAX_NAME].rstrip(". ")
    if stem.strip("_") == "" or stem.upper() in _RESERVED:
        return ""
    return stem


def blank_report(name: str, year: int, format_id: str) -> Report:
    """A unit's report as it starts: its name and the year, nothing else."""
    return Report(year=year, body=Body(name=name, kind=guess_body_kind(name)), format_id=format_id)


def planned_files(folder: Path, names: list[str]) -> list[tuple[str, Path, Path]]:
    """(unit, report file, workbook) for each unit; PackError naming every name that cannot be used."""
    problems: list[str] = []
    seen: dict[str, str] = {}
    out = []
    for name in names:
        stem = file_stem(name)
        if not stem:
            problems.append(f"单位名称“{name}”不能用作文件名")
            continue
        key = stem.casefold()  # Windows and macOS do not tell 甲局A from 甲局a
        if key in seen:
            problems.append(f"“{seen[key]}”和“{name}”的文件名相同（{stem}）")
            continue
        seen[key] = name
        out.append((name, folder / f"{stem}{storage.SUFFIX}", folder / f"{stem}{WORKBOOK_SUFFIX}"))
    if problems:
        raise PackError("；".join(problems))
    return out


def write_pack(folder: str | os.PathLike, names: list[str], year: int | None, *, format_id: str,
               force: bool = False) -> list[Path]:
    """Write each unit's blank ``.nianbao`` and fill-in ``.xlsx`` into ``folder``; return the files written.

    Raises PackError (nothing written) when a name cannot be used, a file exists and ``force`` is not set,
    or the folder cannot be made; a file that fails half-way names itself, and the files before it stay.
    """
    if not names:
        raise PackError("没有下级单位名单：汇总报告中还没有单位，请用 --units 列出单位名称（如 甲局,乙镇）")
    if year is None:
        raise PackError("汇总报告没有填写年度，无法生成下级填报文件")
    folder = Path(folder)
    plan = planned_files(folder, names)
    if not force:
        there = [p for _, *paths in plan for p in paths if p.exists()]
        if there:
            shown = "、".join(p.name for p in there[:5]) + (f"等{len(there)}个文件" if len(there) > 5 else "")
            raise PackError(f"文件夹中已有{shown}（如要覆盖请加 --force）")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise PackError(f"无法创建文件夹：{folder}（{oserrors.describe(e)}）") from None
    written: list[Path] = []
    for name, project, workbook in plan:
        report = blank_report(name, year, format_id)
        try:
            storage.save(report, project, backup=False)
        except OSError as e:
            raise PackError(f"无法保存：{project}（{oserrors.describe(e)}）") from None
        written.append(project)
        try:
            write_bytes(fill_in_workbook(report), workbook)
        except ExportError as e:
            raise PackError(str(e)) from None
        written.append(workbook)
    return written
