"""Operating-system errors in the officer's words (the system's own text is often English).

Windows errors that Python folds into a vague errno (a sharing violation becomes EACCES, a path over 260
characters ENOENT or EINVAL) are told apart by their ``winerror`` first.
"""

from __future__ import annotations

import errno
from pathlib import Path

_MESSAGES = {
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "磁盘配额已用完",
    errno.EACCES: "没有写入权限（文件或文件夹为只读，或被其他程序占用）",
    errno.EPERM: "没有权限",
    errno.EROFS: "磁盘或文件夹是只读的",
    errno.ENOENT: "文件或文件夹不存在（可能已被移动或删除，或U盘已拔出）",
    errno.EISDIR: "这是一个文件夹",
    errno.ENAMETOOLONG: "文件名或路径太长",
    errno.EIO: "读写磁盘出错（磁盘或网络驱动器可能有故障）",
    errno.EBUSY: "文件正被其他程序占用",
}

IN_USE = "文件正被其他程序占用（如 Word、WPS 或杀毒软件），请关闭该文件后重试"

_WINERRORS = {
    32: IN_USE,  # ERROR_SHARING_VIOLATION
    33: IN_USE,  # ERROR_LOCK_VIOLATION
    19: "磁盘有写保护（U盘的写保护开关可能已打开）",  # ERROR_WRITE_PROTECT
    21: "磁盘未就绪（U盘或网络驱动器可能未连接好）",  # ERROR_NOT_READY
    53: "找不到网络路径（网络驱动器可能已断开）",  # ERROR_BAD_NETPATH
    67: "找不到网络路径（网络驱动器可能已断开）",  # ERROR_BAD_NET_NAME
    206: "文件名或路径太长（Windows 限制为 260 个字符，请移到较短的文件夹中）",  # ERROR_FILENAME_EXCED_RANGE
}


class FileInUseError(PermissionError):
    """Windows kept refusing to replace a file another program holds open (Word, WPS, an antivirus scanner)."""


def describe(error: OSError) -> str:
    """A short Chinese reason for a failed file operation, with the system's text as a fallback."""
    if isinstance(error, FileInUseError):
        return IN_USE
    if getattr(error, "winerror", None) in _WINERRORS:  # only Windows' OSErrors have the attribute
        return _WINERRORS[error.winerror]
    if error.errno in _MESSAGES:
        return _MESSAGES[error.errno]
    if isinstance(error, PermissionError):
        return _MESSAGES[errno.EACCES]
    return error.strerror or str(error) or "未知的文件错误"


def cannot_read(path: Path, error: OSError) -> str:
    """Why a file the officer chose cannot be read, naming it."""
    if getattr(error, "winerror", None) in _WINERRORS:  # e.g. a path too long is no missing file
        return f"无法读取文件：{path}（{describe(error)}）"
    if isinstance(error, FileNotFoundError):
        return f"找不到文件：{path}"
    if isinstance(error, IsADirectoryError):
        return f"这是一个文件夹，不是文件：{path}"
    if isinstance(error, PermissionError):
        return f"没有权限读取文件：{path}"
    return f"无法读取文件：{path}（{describe(error)}）"


def cannot_write(path: Path, error: OSError, what: str, held_by: str) -> str:
    """Why ``what`` (“Word 文档”, “PDF”) cannot be saved at ``path``; ``held_by`` names the program that
    may hold the file open (on Windows an open file cannot be replaced)."""
    if isinstance(error, IsADirectoryError):
        return f"这是一个文件夹，不能保存为 {what}：{path}"
    if isinstance(error, FileInUseError) or getattr(error, "winerror", None) in (32, 33):
        return f"无法写入 {path}：该文件正在{held_by}中打开，或被杀毒软件等其他程序占用（请关闭后重试）"
    if getattr(error, "winerror", None) in _WINERRORS:  # e.g. a path too long is no missing folder
        return f"无法保存 {what}：{path}（{describe(error)}）"
    if isinstance(error, FileNotFoundError):
        return f"文件夹不存在：{path.parent}"
    if isinstance(error, PermissionError):
        return f"无法写入 {path}：没有权限，或该文件正在{held_by}中打开（请关闭后重试）"
    return f"无法保存 {what}：{path}（{describe(error)}）"


def refuse_folder(path: Path) -> None:
    """Raise IsADirectoryError for a folder: Windows reports reading or replacing one as “permission denied”."""
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
