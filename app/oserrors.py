"""Operating-system errors in the officer's words (the system's own text is often English)."""

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


def describe(error: OSError) -> str:
    """A short Chinese reason for a failed file operation, with the system's text as a fallback."""
    if error.errno in _MESSAGES:
        return _MESSAGES[error.errno]
    if isinstance(error, PermissionError):
        return _MESSAGES[errno.EACCES]
    return error.strerror or str(error) or "未知的文件错误"


def cannot_read(path: Path, error: OSError) -> str:
    """Why a file the officer chose cannot be read, naming it."""
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
    if isinstance(error, FileNotFoundError):
        return f"文件夹不存在：{path.parent}"
    if isinstance(error, PermissionError):
        return f"无法写入 {path}：没有权限，或该文件正在{held_by}中打开（请关闭后重试）"
    return f"无法保存 {what}：{path}（{describe(error)}）"


def refuse_folder(path: Path) -> None:
    """Raise IsADirectoryError for a folder: Windows reports reading or replacing one as “permission denied”."""
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
