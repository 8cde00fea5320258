"""Input that is not a report gets a clear message in Chinese; text in other encodings still imports."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest

from app.importing import MAX_FILE_BYTES, ImportError_, ReportImportError, import_bytes, import_file

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import"
SEED = FIXTURES / "seed-tianshan-2024.txt"


def test_the_error_is_exported_under_both_names():
    assert ImportError_ is ReportImportError and issubclass(ReportImportError, Exception)


def test_huge_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "巨大的年报.pdf"
    with open(path, "wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)  # sparse: no 50 MB written to disk
    with pytest.raises(ReportImportError, match="文件过大"):
        import_file(path)


@pytest.mark.parametrize("content, message", [
    (b"", "文件是空的"),
    (b"   \r\n\t  ", "文件是空的"),
    (bytes(range(256)) * 16, "二进制文件"),
    (b"\x89PNG\r\n\x1a\n" + bytes(200), "图片"),
    (b"\xff\xd8\xff\xe0" + bytes(200), "图片"),
    (gzip.compress(b"hello"), "压缩包"),
    (b"{\\rtf1\\ansi hello}", "RTF"),
    (b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 100, "二进制文件"),
    (b'{"format": "nianbao-project", "schema_version": 1}', "年报项目文件"),
    ("随便一段文字，不是年报。".encode("gb18030") * 40, "没有识别出年报的内容"),
])
def test_garbage_empty_and_binary_input(content, message):
    with pytest.raises(ReportImportError, match=message):
        import_bytes(content, "年报.txt")


def test_folder_and_missing_file(tmp_path):
    with pytest.raises(ReportImportError, match="文件夹"):
        import_file(tmp_path)
    with pytest.raises(ReportImportError, match="找不到文件"):
        import_file(tmp_path / "没有这个文件.docx")


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_text_files_in_the_encodings_windows_saves(tmp_path, encoding):
    path = tmp_path / f"年报-{encoding}.txt"
    path.write_bytes(SEED.read_text(encoding="utf-8").encode(encoding))
    report = import_file(path).report
    assert report.body.name == "天山乡人民政府" and report.year == 2024


def test_pasted_text_with_windows_line_ends_and_zero_width_marks():
    from app.importing import import_text

    text = SEED.read_text(encoding="utf-8").replace("\n", "\r\n").replace("规章", "规\u200b章")
    report = import_text("\ufeff" + text).report
    assert report.body.date == "2025-01-26" and len(report.cells) == 200


def test_no_exception_escapes_on_truncated_files(tmp_path):
    """Every prefix of a real file is either imported or refused with our error, never a raw exception."""
    data = SEED.read_bytes()
    for cut in range(0, len(data), max(1, len(data) // 40)):
        try:
            import_bytes(data[:cut], "x.txt")
        except ReportImportError:
            pass
    stream = io.BytesIO()
    stream.write(b"%PDF-1.4\n")
    for cut in (9, 100, 1000):
        with pytest.raises(ReportImportError):
            import_bytes(stream.getvalue()[:cut] + b"1 0 obj << /Type /Catalog >>", "x.pdf")
