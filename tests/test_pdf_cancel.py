"""Cancelling a PDF stops LibreOffice and writes nothing; on Windows the whole soffice tree is ended."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from app.export import pdf_convert

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the fake soffice is a shell script")


@pytest.fixture
def slow_soffice(tmp_path, monkeypatch):
    """A converter that never finishes: it says its pid through a pipe, then waits."""
    ready = tmp_path / "ready"
    os.mkfifo(ready)
    script = tmp_path / "soffice"
    script.write_text(f'#!/bin/sh\necho $$ > "{ready}"\nexec sleep 60\n', encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("NIANBAO_SOFFICE", str(script))
    return ready


def test_cancel_stops_the_converter_and_writes_no_pdf(slow_soffice, tmp_path):
    docx = tmp_path / "用户" / "年报 2025.docx"
    docx.parent.mkdir()
    docx.write_bytes(b"PK fake")
    cancel = threading.Event()
    started: list[int] = []

    def cancel_once_started():
        with open(slow_soffice, encoding="utf-8") as pipe:  # blocks until the converter has started
            started.append(int(pipe.read()))
        cancel.set()

    threading.Thread(target=cancel_once_started, daemon=True).start()
    with pytest.raises(pdf_convert.PdfConversionCancelled, match="已取消"):
        pdf_convert.convert_to_pdf(docx, cancel=cancel, timeout=60)
    assert not docx.with_suffix(".pdf").exists()
    (pid,) = started
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # ended (and reaped), not left running for its 60 s


def test_a_cancelled_conversion_is_still_a_conversion_error():
    # callers that catch PdfConversionError keep working; the message is Chinese
    assert issubclass(pdf_convert.PdfConversionCancelled, pdf_convert.PdfConversionError)


def test_on_windows_the_whole_soffice_tree_is_ended(monkeypatch):
    calls = []
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    monkeypatch.setattr(pdf_convert.os, "name", "nt")
    monkeypatch.setattr(pdf_convert.subprocess, "run", lambda cmd, **kw: calls.append(cmd))
    pdf_convert._kill(proc)
    monkeypatch.undo()
    assert calls == [["taskkill", "/PID", str(proc.pid), "/T", "/F"]]
    assert proc.poll() is not None  # and the launcher itself, if taskkill could not


def test_on_windows_soffices_error_text_is_read_in_the_ansi_code_page(monkeypatch):
    monkeypatch.setattr(pdf_convert.os, "name", "nt")
    monkeypatch.setattr(pdf_convert.locale, "getpreferredencoding", lambda _do_setlocale=True: "gbk")
    assert pdf_convert._error_text("无法打开文件".encode("gbk")) == "无法打开文件"


def test_libreoffices_own_packages_under_opt_are_found(monkeypatch, tmp_path):
    monkeypatch.delenv("NIANBAO_SOFFICE", raising=False)
    monkeypatch.setattr(pdf_convert.shutil, "which", lambda name: None)
    monkeypatch.setattr(pdf_convert.sys, "platform", "linux")
    real_glob = Path.glob
    fake = tmp_path / "opt" / "libreoffice24.8" / "program" / "soffice"
    fake.parent.mkdir(parents=True)
    fake.write_text("")
    monkeypatch.setattr(Path, "glob", lambda self, pattern: real_glob(tmp_path / "opt", pattern)
                        if str(self) == "/opt" else real_glob(self, pattern))
    monkeypatch.setattr(Path, "is_file", lambda self: str(self) == str(fake))
    assert pdf_convert.soffice_path() == str(fake)
