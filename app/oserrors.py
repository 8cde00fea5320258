"""Operating-system errors in the officer's words (the system's own text is often English)."""

from __future__ import annotations

import errno

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
