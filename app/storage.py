"""The project file (``.nianbao``): reading, writing, migrating; saves are atomic.

File format history (``schema_version``), see docs/file-format.md:
  1 — first version (nianbao 0.1).
  2 — ``headings``: the officer's own wording of a part's sub-heading (nianbao 0.2); version 1 files read as
      having none. Optional ``units`` (a 汇总's units and the values taken), written only for a 汇总.
A reader of version N migrates older files step by step and refuses newer ones by name.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from . import oserrors
from .limits import project as limits
from .project_data import (  # noqa: F401  (the project file's names, kept where callers look for them)
    MARKER,
    MIGRATIONS,
    SCHEMA_VERSION,
    ProjectFileError,
    report_from_dict,
    report_to_dict,
)
from .report import Report

SUFFIX = ".nianbao"
MAX_FILE_BYTES = 20 * 1024 * 1024  # a full report is ~30 KB; anything this big is not ours


class BeyondLimitsError(OSError):
    """A report holds a value past the project file's limits (app/limits/project.py): it is not written, since
    nianbao would refuse to open the file. An OSError, so every save path says why as for a full disk."""

    def __init__(self, problem: str):
        super().__init__(f"无法保存为年报项目文件：{problem}")


def backup_path(path: str | os.PathLike) -> Path:
    """Where ``save`` keeps the previous version of ``path``."""
    path = Path(path)
    return path.with_name(path.name + ".bak")


# --- files ----------------------------------------------------------------------------------------

def dumps(report: Report) -> str:
    """The project file's text; BeyondLimitsError when ``load`` would refuse it (nothing is written then)."""
    problem = limits.report_problem(report)
    if problem:
        raise BeyondLimitsError(problem)
    data = report_to_dict(report)
    units = data.pop("units", None)
    text = json.dumps(data, ensure_ascii=False, indent=1)
    if units is not None:
        # a 汇总's units one line each (the key stays last): 5,000 units in 16 MB, not 24, and a diff names the
        # unit that changed
        lines = ",\n  ".join(json.dumps(u, ensure_ascii=False, separators=(",", ":")) for u in units)
        text = text[:-2] + ',\n "units": ' + (f"[\n  {lines}\n ]" if units else "[]") + "\n}"
    size = len(text.encode("utf-8"))
    if size > MAX_FILE_BYTES:  # never a file that load would refuse
        raise BeyondLimitsError(f"文件将有{size / 1024 / 1024:.1f} MB，超过年报项目文件的上限"
                                f"{MAX_FILE_BYTES // 1024 // 1024} MB")
    return text + "\n"


def loads(text: str) -> Report:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise ProjectFileError(f"文件已损坏或不完整：从第{e.lineno}行第{e.colno}列起无法读取",
                               damaged=True) from None
    except RecursionError:
        raise ProjectFileError("文件结构嵌套过深，不是年报项目文件") from None
    except ValueError:  # e.g. a number with more digits than Python converts
        raise ProjectFileError("文件内容有误：含有过长的数字，不是年报项目文件") from None
    return report_from_dict(data)


def load(path: str | os.PathLike) -> Report:
    """Read a project file; a damaged one's message names the backup beside it when there is one."""
    path = Path(path)
    try:
        return load_bytes(read_file(path))
    except ProjectFileError as e:
        bak = backup_path(path)
        if e.damaged and bak.is_file():
            hint = f"同一文件夹中有上次保存前的备份“{bak.name}”，可打开备份"
            raise ProjectFileError(f"{e}；{hint}", damaged=True, reason=str(e)) from None
        raise


def read_file(path: str | os.PathLike) -> bytes:
    """A project file's bytes, or ProjectFileError: only a regular file is read, and at most MAX_FILE_BYTES of it.

    A device or a pipe (/dev/zero, a FIFO) is refused before it is opened: its size says 0 and reading it never
    ends. The size is judged on the file opened (fstat), not on a name that may have changed since, and the
    read stops past the limit all the same (a file still growing)."""
    path = Path(path)
    try:
        oserrors.refuse_folder(path)
        if not stat.S_ISREG(os.stat(path).st_mode):  # stat does not wait for a pipe's writer, open would
            raise ProjectFileError(_NOT_REGULAR.format(path=path))
        flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        with os.fdopen(os.open(path, flags), "rb") as f:
            st = os.fstat(f.fileno())
            if not stat.S_ISREG(st.st_mode):
                raise ProjectFileError(_NOT_REGULAR.format(path=path))
            _refuse_size(st.st_size)
            raw = f.read(MAX_FILE_BYTES + 1)
    except OSError as e:
        raise ProjectFileError(oserrors.cannot_read(path, e)) from None
    _refuse_size(len(raw))
    return raw


_NOT_REGULAR = "这不是普通文件（是设备、管道或套接字），不能作为年报项目文件读取：{path}"


def _refuse_size(size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise ProjectFileError(
            f"文件过大（{size / 1024 / 1024:.1f} MB，上限{MAX_FILE_BYTES // 1024 // 1024} MB），"
            "年报项目文件通常只有几十 KB；这不是年报项目文件")
    if size == 0:
        raise ProjectFileError("文件是空的（0 字节），可能保存时被中断", damaged=True)




def load_bytes(raw: bytes) -> Report:
    """A project file's bytes as read (so a caller that hashes a file reads it once)."""
    if b"\x00" in raw[:4096]:
        raise ProjectFileError("这是二进制文件，不是年报项目文件（若是 Word 或 PDF 年报，请用“导入”）")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ProjectFileError("文件不是 UTF-8 编码的文本，不是年报项目文件") from None
    return loads(text)


def atomic_write_text(path: str | os.PathLike, text: str, backup: bool = True) -> None:
    """Write text atomically (see ``atomic_write``), keeping the previous version as ``<name>.bak``."""
    data = text.encode("utf-8")
    atomic_write(path, lambda f: f.write(data), backup=backup)


def atomic_write(path: str | os.PathLike, write: Callable[[BinaryIO], object], backup: bool = False) -> None:
    """Write via a temporary file in the same folder, fsync, then rename over the target.

    ``write`` fills the open temporary file. At every instant the target is either the complete old
    file or the complete new one; with ``backup`` the old one is kept as ``<name>.bak``. The new file
    keeps the old one's permissions (a first save gets the usual ones, by umask): a report on a
    shared drive must stay readable. Every file nianbao writes for the officer goes through here.
    """
    path = Path(path)
    oserrors.refuse_folder(path)  # before a temporary file is made beside it
    folder = path.parent
    mode = _existing_mode(path)
    fd, tmp = _create_temp(folder, path.name)
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        if backup and path.is_file():
            _replace_backup(path)
        _replace(tmp, path)
    except BaseException:
        _discard(tmp)
        raise
    _fsync_dir(folder)
    _remove_stale_temps(folder, path.name)


# Windows refuses to replace a file another program holds open (PermissionError). An antivirus scanner
# holds a new file for a moment: try again after these pauses (0.9 s in all) before telling the officer.
# Word or WPS holding the file does not let go: then the officer is told to close it (oserrors.IN_USE).
REPLACE_RETRY_DELAYS = (0.05, 0.1, 0.25, 0.5)
_sleep = time.sleep  # tests pass a recorder: a retry must not really wait there


def _on_windows() -> bool:
    return os.name == "nt"  # a function, so tests take this branch without making pathlib think it is on Windows


def _replace(tmp: str, path: Path) -> None:
    if not _on_windows():
        os.replace(tmp, path)  # POSIX replaces a file others hold open; PermissionError is a real one
        return
    for delay in REPLACE_RETRY_DELAYS:
        try:
            os.replace(tmp, path)
            return
        except PermissionError:
            if not _writable(path):
                raise  # the read-only attribute: waiting will not help, oserrors says "只读"
            _sleep(delay)
    try:
        os.replace(tmp, path)
    except PermissionError as e:
        raise oserrors.FileInUseError(e.errno, oserrors.IN_USE, str(path)) from e


def _discard(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except PermissionError:
        # Windows cannot delete a read-only file, and the temporary file got a read-only target's mode
        try:
            os.chmod(tmp, stat.S_IREAD | stat.S_IWRITE)
            os.unlink(tmp)
        except OSError:
            pass
    except OSError:
        pass


def _writable(path: Path) -> bool:
    # On Windows os.access reports the read-only attribute, not whether another program holds the file.
    return not path.exists() or os.access(path, os.W_OK)


STALE_TEMP_SECONDS = 600  # older than any save in progress: left behind by a killed or crashed save


def _remove_stale_temps(folder: Path, name: str) -> None:
    """Temporary files of saves that were killed halfway would pile up in the officer's folder."""
    prefixes = (f".{name}.", f".{name}.bak.")
    cutoff = time.time() - STALE_TEMP_SECONDS
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(prefixes) and entry.name.endswith(".tmp"):
            try:
                if entry.stat().st_mtime < cutoff:
                    os.unlink(entry.path)
            except OSError:
                pass


def _existing_mode(path: Path) -> int | None:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return None


def _create_temp(folder: Path, name: str) -> tuple[int, str]:
    """A new hidden file next to the target, created with mode 0666 so the umask applies (mkstemp uses 0600)."""
    for _ in range(100):
        tmp = folder / f".{name}.{os.urandom(4).hex()}.tmp"
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666), str(tmp)
        except FileExistsError:
            continue
    raise FileExistsError(f"cannot create a temporary file in {folder}")  # pragma: no cover


def _replace_backup(path: Path) -> None:
    bak = backup_path(path)
    fd, tmp = _create_temp(path.parent, bak.name)
    os.close(fd)
    try:
        shutil.copyfile(path, tmp)
        shutil.copymode(path, tmp)
        os.replace(tmp, bak)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass  # a missing backup must not stop the save itself


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def save(report: Report, path: str | os.PathLike, backup: bool = True) -> None:
    atomic_write_text(path, dumps(report), backup=backup)
