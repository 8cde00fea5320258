"""PDF from the exported .docx, through LibreOffice (soffice) when it is installed.

LibreOffice runs headless with a private, temporary user profile (``-env:UserInstallation``), so a
conversion works while the officer has LibreOffice open, and never touches their settings. The
document is copied to an ASCII name in a temporary folder first: soffice mishandles non-ASCII paths
under some locales, and the PDF then moves to its place in one step.

On Linux, the conversion also gets a fontconfig file that maps the GB/T 9704 font names the document
asks for (仿宋_GB2312, 楷体_GB2312, 黑体, 宋体, 方正小标宋简体) to the nearest installed Chinese fonts
(仿宋/FangSong, …, then Noto Serif/Sans CJK SC). Installed originals still win; without the map a
machine lacking them falls back to a Japanese-style sans font for everything.
"""

from __future__ import annotations

import locale
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from xml.sax.saxutils import escape

from .. import oserrors
from ..storage import atomic_write
from .layout import FONT_BODY, FONT_H1, FONT_H2, FONT_PAGE_NO, FONT_TABLE, FONT_TITLE

NOT_INSTALLED = "未安装 LibreOffice，无法转换为 PDF；请安装 LibreOffice 或在 Word/WPS 中另存为 PDF"
SAVE_AS_HINT = "可在 Word/WPS 中打开导出的文档，另存为 PDF"

_SERIF = ["Noto Serif CJK SC", "Source Han Serif SC", "Source Han Serif CN", "AR PL UMing CN"]
_SANS = ["Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei"]
FONT_FALLBACKS = {
    FONT_BODY: ["仿宋", "FangSong", "STFangsong", *_SERIF],
    FONT_H2: ["楷体", "KaiTi", "STKaiti", "AR PL UKai CN", *_SERIF],
    FONT_H1: ["SimHei", "STHeiti", *_SANS],
    FONT_TABLE: ["SimSun", "STSong", *_SERIF],
    FONT_PAGE_NO: ["SimSun", "STSong", *_SERIF],
    FONT_TITLE: ["方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "华文中宋", "STZhongsong", *_SERIF],
}


class PdfConversionError(Exception):
    """The PDF could not be made; the message is for the officer, in Chinese."""


class PdfConversionCancelled(PdfConversionError):
    """The officer cancelled; LibreOffice was stopped and nothing was written."""

    def __init__(self) -> None:
        super().__init__("已取消生成 PDF")


def soffice_path() -> str | None:
    """The LibreOffice executable, or None. ``NIANBAO_SOFFICE`` names it when it is somewhere unusual.

    WPS Office is not looked for: it has no command-line conversion (only COM automation of a running
    desktop instance), so with WPS alone the officer saves as PDF from WPS (``NOT_INSTALLED`` says so)."""
    override = os.environ.get("NIANBAO_SOFFICE", "").strip().strip('"')  # Explorer's "copy as path" quotes it
    if override:
        return override if Path(override).is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    if sys.platform == "win32":
        candidates = [Path(p) for p in _windows_candidates(os.environ, _registry_install_paths())]
    elif sys.platform == "darwin":
        candidates = [Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")]
    else:
        # LibreOffice's own .deb/.rpm install as /opt/libreofficeX.Y (newest first), Debian's under /usr/lib
        candidates = [Path("/usr/lib/libreoffice/program/soffice"), Path("/opt/libreoffice/program/soffice"),
                      *sorted(Path("/opt").glob("libreoffice*/program/soffice"), reverse=True),
                      Path("/snap/bin/libreoffice")]
    for path in candidates:
        if path.is_file():
            return str(path)
    return None


_WINDOWS_DEFAULT = r"C:\Program Files\LibreOffice\program\soffice.exe"


def _windows_candidates(environ, install_paths: list[str]) -> list[str]:
    """Where soffice.exe may be on Windows, most certain first: the program folders LibreOffice's installer
    recorded, then Program Files in both views (a 32-bit LibreOffice on 64-bit Windows, or a 32-bit
    nianbao seeing "Program Files (x86)" as ProgramFiles), then the default path if the variables are gone."""
    import ntpath  # Windows path rules even when the tests run this on Linux

    found = [ntpath.join(folder, "soffice.exe") for folder in install_paths]
    for var in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)"):
        base = environ.get(var)
        if base:
            found.append(ntpath.join(base, "LibreOffice", "program", "soffice.exe"))
    found.append(_WINDOWS_DEFAULT)
    unique: dict[str, str] = {}
    for path in found:
        unique.setdefault(path.lower(), path)  # Windows paths ignore case
    return list(unique.values())


def _registry_install_paths() -> list[str]:
    """LibreOffice's program folder(s) as its installer records them (``…\\LibreOffice\\UNO\\InstallPath``)."""
    try:
        import winreg
    except ImportError:  # not Windows
        return []
    found = []
    for hive in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
        for view in (winreg.KEY_WOW64_64KEY, winreg.KEY_WOW64_32KEY):
            try:
                with winreg.OpenKey(hive, r"SOFTWARE\LibreOffice\UNO\InstallPath", 0, winreg.KEY_READ | view) as key:
                    value, kind = winreg.QueryValueEx(key, "")  # the key's default value
            except OSError:
                continue
            if kind == winreg.REG_EXPAND_SZ and isinstance(value, str):
                value = winreg.ExpandEnvironmentStrings(value)
            if isinstance(value, str) and value.strip():
                found.append(value.strip())
    return found


def _fontconfig_file(work: Path) -> Path | None:
    if not sys.platform.startswith("linux"):
        return None
    base = os.environ.get("FONTCONFIG_FILE") or "/etc/fonts/fonts.conf"
    if not Path(base).is_file():
        return None
    lines = ['<?xml version="1.0"?>', '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">', "<fontconfig>",
             f'  <include ignore_missing="yes">{escape(base)}</include>']
    for family, fallbacks in FONT_FALLBACKS.items():
        accept = "".join(f"<family>{escape(f)}</family>" for f in fallbacks)
        # strong: the system's per-language rules (zh-cn → Noto Sans CJK SC) are strong and would win
        lines.append(f'  <alias binding="strong"><family>{escape(family)}</family><accept>{accept}</accept></alias>')
    lines.append("</fontconfig>")
    conf = work / "fonts.conf"
    conf.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return conf


def _kill(proc: subprocess.Popen) -> None:
    try:
        if os.name == "posix":
            os.killpg(proc.pid, signal.SIGKILL)  # soffice is a wrapper: end the whole group
        else:
            # soffice.exe is a launcher; soffice.bin, its child, does the work: end the whole tree
            subprocess.run(["taskkill", "/PID", str(proc.pid), "/T", "/F"], capture_output=True, timeout=10,
                           creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
    except (OSError, subprocess.SubprocessError):
        pass
    if proc.poll() is None:
        try:
            proc.kill()
        except OSError:
            pass
    try:
        proc.communicate(timeout=10)
    except (subprocess.TimeoutExpired, OSError, ValueError):
        pass


def _error_text(err: bytes) -> str:
    """soffice writes its errors in the system's encoding: UTF-8 on Linux, the ANSI code page (GBK) on Windows."""
    encoding = "utf-8" if os.name == "posix" else locale.getpreferredencoding(False)
    return err.decode(encoding, "replace")


_POLL = 0.2  # seconds between looks at the cancel flag: a cancel stops soffice within this


def _wait(proc: subprocess.Popen, timeout: float, cancel: threading.Event | None) -> bytes:
    """soffice's error output once it ends; stops it on timeout or cancel."""
    if cancel is None:
        try:
            return proc.communicate(timeout=timeout)[1]
        except subprocess.TimeoutExpired:
            _kill(proc)
            raise PdfConversionError(f"LibreOffice 转换超时（超过{timeout:g}秒）；{SAVE_AS_HINT}") from None
    waited = 0.0
    while True:
        if cancel.is_set():
            _kill(proc)
            raise PdfConversionCancelled()
        try:
            return proc.communicate(timeout=_POLL)[1]
        except subprocess.TimeoutExpired:
            waited += _POLL
            if waited >= timeout:
                _kill(proc)
                raise PdfConversionError(f"LibreOffice 转换超时（超过{timeout:g}秒）；{SAVE_AS_HINT}") from None


def convert_to_pdf(docx_path: str | os.PathLike, pdf_path: str | os.PathLike | None = None,
                   timeout: float = 120, cancel: threading.Event | None = None) -> Path:
    """Convert ``docx_path`` to PDF (next to it unless ``pdf_path`` is given); return the PDF's path.

    Raises ``PdfConversionError`` with a Chinese message when LibreOffice is missing, fails or times out;
    ``PdfConversionCancelled`` (a ``PdfConversionError``) when ``cancel`` is set meanwhile: soffice is stopped
    and nothing is written.
    """
    src = Path(docx_path)
    if not src.is_file():
        raise PdfConversionError(f"找不到要转换的 Word 文档：{src}")
    dst = Path(pdf_path) if pdf_path is not None else src.with_suffix(".pdf")
    exe = soffice_path()
    if exe is None:
        raise PdfConversionError(NOT_INSTALLED)
    with tempfile.TemporaryDirectory(prefix="nianbao-pdf-", ignore_cleanup_errors=True) as tmp:
        work = Path(tmp)
        source = work / "report.docx"
        try:
            shutil.copyfile(src, source)
        except OSError as e:
            raise PdfConversionError(f"无法读取 Word 文档：{src}（{oserrors.describe(e)}）") from None
        out_dir = work / "out"
        cmd = [exe, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--invisible",
               "--norestore", "--nologo", "--nodefault", "--nolockcheck",
               "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(out_dir), str(source)]
        env = dict(os.environ)
        conf = _fontconfig_file(work)
        if conf is not None:
            env["FONTCONFIG_FILE"] = str(conf)
        kwargs: dict = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "stdin": subprocess.DEVNULL,
                        "env": env, "cwd": work}
        if os.name == "posix":
            kwargs["start_new_session"] = True
        else:
            kwargs["creationflags"] = getattr(subprocess, "CREATE_NO_WINDOW", 0)
        try:
            proc = subprocess.Popen(cmd, **kwargs)
        except OSError as e:
            raise PdfConversionError(f"无法启动 LibreOffice（{exe}：{oserrors.describe(e)}）；{SAVE_AS_HINT}") from None
        err = _wait(proc, timeout, cancel)
        result = out_dir / "report.pdf"
        if proc.returncode != 0 or not result.is_file() or result.stat().st_size == 0:
            detail = _error_text(err).strip().splitlines()
            reason = f"（{detail[-1][:200]}）" if detail else f"（返回码 {proc.returncode}）"
            raise PdfConversionError(f"LibreOffice 未能生成 PDF{reason}；{SAVE_AS_HINT}")
        if cancel is not None and cancel.is_set():
            raise PdfConversionCancelled()
        move_into_place(result, dst)
    return dst


def move_into_place(result: Path, dst: Path) -> None:
    """Copy a finished PDF over ``dst`` atomically; ``PdfConversionError`` with the officer's message if not."""
    def copy(f) -> None:
        with open(result, "rb") as r:
            shutil.copyfileobj(r, f)

    try:
        atomic_write(dst, copy)
    except OSError as e:
        raise PdfConversionError(oserrors.cannot_write(dst, e, "PDF", "其他程序")) from None
