"""Reading the units' files of a 汇总: folders searched, each file once, every read bounded; never raises.

A unit is a project file (.nianbao) or a published report read through the importer; a file that cannot be
read becomes an entry in the state 无法读取 with the reason, so the list names it instead of dropping it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from .. import storage
from ..formatdef import DEFAULT_FORMAT_ID
from ..limits import project as limits
from ..report import Unit
from .entries import UNREADABLE, Entry, unit_findings


def unit_suffixes() -> tuple[str, ...]:
    from ..importing import SUPPORTED_SUFFIXES

    return (storage.SUFFIX, *SUPPORTED_SUFFIXES)


def unit_files(paths: Iterable[str | os.PathLike], exclude: Iterable[str | os.PathLike] = ()) -> list[Path]:
    """Files and folders as given, folders searched (sub-folders too) for reports; each file once.

    Hidden files, Word's lock files (~$…), workbooks that are not our tables (an overview, a list of names)
    and the files in ``exclude`` (the 汇总's own output) are skipped in folders; a file named as such is always
    kept, and so is a path that does not exist, so reading it names the problem.
    """
    from ..importing.xlsx_source import looks_ours

    suffixes = unit_suffixes()
    skip = {_resolved(p) for p in exclude}
    out: list[Path] = []
    seen: set[Path] = set()
    for path in map(Path, paths):
        if len(out) > limits.MAX_UNITS:
            break  # a folder of 60,000 files is refused, not searched to its end
        found = [path]
        if path.is_dir():
            # a pipe or a device named like a report is listed (and refused by read_unit), never skipped silently
            # and never opened here: looks_ours would wait on a FIFO for a writer
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in suffixes and not p.is_dir()
                           and not p.name.startswith((".", "~$"))
                           and (p.suffix.lower() != ".xlsx" or not p.is_file() or looks_ours(p)))
        for p in found:
            key = _resolved(p)
            if key not in skip and key not in seen:
                seen.add(key)
                out.append(p)
    return out


def _resolved(path: str | os.PathLike) -> Path:
    # abspath, not resolve(): no system call per file (a folder of 1,000 units); a file reached through a
    # link under two names is still caught, as a duplicate of identical content.
    return Path(os.path.abspath(path))


def read_unit(path: str | os.PathLike, format_id: str = DEFAULT_FORMAT_ID, own: bool = False) -> Entry:
    """Read one unit's file (.nianbao, or a published report through the importer); never raises."""
    path = Path(path)
    shown = str(_resolved(path))
    project = path.suffix.lower() == storage.SUFFIX
    raw = b""
    try:
        # The bytes hashed are the bytes read, once: only a regular file, its size judged on the file opened
        # (a device or a pipe is refused before it is read: /dev/zero says it is empty and never ends).
        if project:
            raw = storage.read_file(path)
            report = storage.load_bytes(raw)
        else:
            from ..importing import MAX_FILE_BYTES, ReportImportError, import_bytes, read_bounded

            try:
                raw = read_bounded(path, MAX_FILE_BYTES)
                report = import_bytes(raw, path.name).report
            except ReportImportError as e:
                raise storage.ProjectFileError(str(e)) from None
    except storage.ProjectFileError as e:
        sha = hashlib.sha256(raw).hexdigest() if raw else ""
        return Entry(Unit(name="", path=shown, sha256=sha, own=own), problem=str(e), state=UNREADABLE)
    sha = hashlib.sha256(raw).hexdigest()
    if report.format_id != format_id:
        return Entry(Unit(name=report.body.name.strip(), path=shown, sha256=sha, year=report.year, own=own),
                     problem=f"年报格式“{report.format_id}”与汇总的格式不同", state=UNREADABLE)
    unit = Unit(name=report.body.name.strip(), path=shown, sha256=sha, year=report.year, cells=dict(report.cells),
                own=own)
    return Entry(unit, findings=unit_findings(unit, format_id))


def file_hash(path: str | os.PathLike) -> str | None:
    """The hash of a unit's file as it is now, or None when it cannot be read (gone, or no longer a regular file
    of a readable size: a unit's path in a hostile project file may name /dev/zero)."""
    from ..importing import MAX_FILE_BYTES, ReportImportError, read_bounded

    try:
        return hashlib.sha256(read_bounded(path, max(MAX_FILE_BYTES, storage.MAX_FILE_BYTES))).hexdigest()
    except (OSError, ReportImportError):
        return None
