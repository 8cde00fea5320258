"""Windows branches that cannot run here, driven through the same code with the platform patched: per-user
folders under a Chinese user name, where LibreOffice is found, and Windows' own file errors in Chinese."""

from __future__ import annotations

import ntpath
import shutil
import sys
from pathlib import Path

import pytest

from app import oserrors, paths
from app.export import pdf_convert


def test_per_user_folders_on_windows_keep_a_chinese_user_name(tmp_path, monkeypatch):
    local = tmp_path / "Users" / "张三" / "AppData" / "Local"
    monkeypatch.delenv("NIANBAO_HOME", raising=False)
    monkeypatch.setenv("LOCALAPPDATA", str(local))
    monkeypatch.setattr(sys, "platform", "win32")
    data, config, log = paths.data_dir(), paths.config_dir(), paths.log_dir()
    monkeypatch.undo()
    assert data == config == local / "nianbao"  # as appdirs lays them out on Windows, without the 8.3 name
    assert log == local / "nianbao" / "Logs"
    assert log.is_dir()


@pytest.fixture
def windows_without_path(monkeypatch):
    """sys.platform is win32 and LibreOffice is not on PATH (its installer does not add it)."""
    monkeypatch.delenv("NIANBAO_SOFFICE", raising=False)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setattr(sys, "platform", "win32")


def test_on_windows_soffice_is_found_where_the_installer_recorded_it(tmp_path, monkeypatch, windows_without_path):
    program = tmp_path / "办公软件" / "LibreOffice" / "program"
    program.mkdir(parents=True)
    exe = ntpath.join(str(program), "soffice.exe")  # joined by Windows rules: here a file named "program\\soffice.exe"
    Path(exe).write_bytes(b"MZ")
    monkeypatch.setattr(pdf_convert, "_registry_install_paths", lambda: [str(program)], raising=False)
    monkeypatch.setenv("ProgramFiles", str(tmp_path / "Program Files"))
    found = pdf_convert.soffice_path()
    monkeypatch.undo()
    assert found == exe


def test_on_windows_the_candidates_cover_both_program_files_and_the_default():
    env = {"ProgramFiles": r"C:\Program Files (x86)", "ProgramW6432": r"C:\Program Files",
           "ProgramFiles(x86)": r"C:\Program Files (x86)"}
    found = pdf_convert._windows_candidates(env, [r"D:\Apps\LibreOffice\program"])
    assert found == [r"D:\Apps\LibreOffice\program\soffice.exe",
                     r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
                     r"C:\Program Files\LibreOffice\program\soffice.exe"]
    assert pdf_convert._windows_candidates({}, []) == [r"C:\Program Files\LibreOffice\program\soffice.exe"]


def test_a_quoted_soffice_path_as_windows_copies_it_is_accepted(tmp_path, monkeypatch):
    exe = tmp_path / "LibreOffice 24" / "soffice.exe"
    exe.parent.mkdir()
    exe.write_bytes(b"MZ")
    monkeypatch.setenv("NIANBAO_SOFFICE", f'"{exe}"')  # Explorer's 复制文件地址 puts quotes around it
    assert pdf_convert.soffice_path() == str(exe)


def _windows_error(cls, winerror, text):
    error = cls(13 if cls is PermissionError else 2, text)
    error.winerror = winerror  # set by Python only on Windows
    return error


def test_a_path_too_long_for_windows_is_not_called_a_missing_folder(tmp_path):
    target = tmp_path / "年报" / "年报 2024.docx"
    error = _windows_error(FileNotFoundError, 206, "The filename or extension is too long")
    assert oserrors.describe(error) == "文件名或路径太长（Windows 限制为 260 个字符，请移到较短的文件夹中）"
    written = oserrors.cannot_write(target, error, "Word 文档", " Word/WPS ")
    assert "路径太长" in written and "文件夹不存在" not in written
    assert "路径太长" in oserrors.cannot_read(target, error) and "找不到文件" not in oserrors.cannot_read(target, error)


def test_a_file_another_program_holds_is_said_to_be_in_use(tmp_path):
    target = Path(tmp_path / "年报 2024.docx")
    error = _windows_error(PermissionError, 32, "The process cannot access the file")
    assert oserrors.describe(error) == "文件正被其他程序占用（如 Word、WPS 或杀毒软件），请关闭该文件后重试"
    assert "该文件正在 Word/WPS 中打开，或被杀毒软件等其他程序占用" in oserrors.cannot_write(
        target, error, "Word 文档", " Word/WPS ")
    protected = _windows_error(PermissionError, 19, "The media is write protected")
    assert "写保护" in oserrors.describe(protected)
