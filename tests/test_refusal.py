"""Hostile input is refused cheaply: before it is read whole, decompressed or parsed.

Complements tests/test_storage.py (bad project files, a sparse oversized file, top-level nesting, long
numbers) and tests/test_import_errors.py / test_import_docx.py (garbage, an oversized sparse file, a zip
bomb declaring its size, billion laughs). "Cheap" is asserted by counting work (bytes read, bytes
inflated, parser calls), never by the clock.
"""

from __future__ import annotations

import io
import zipfile
import zlib

import pytest

from app import storage
from app.importing import ReportImportError, import_bytes
from app.importing.blocks import MAX_BLOCKS
from tests.fuzzing import EXAMPLE


@pytest.fixture
def seed_docx(tmp_path) -> bytes:
    from app.docx_export import export_docx

    path = tmp_path / "用户" / "年报 2024.docx"
    path.parent.mkdir()
    export_docx(storage.load(EXAMPLE), path)
    return path.read_bytes()


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in parts.items():
            zf.writestr(name, content)
    return out.getvalue()


class _InflateCounter:
    """Wraps zlib.decompressobj as zipfile uses it, counting the bytes inflated."""

    def __init__(self, monkeypatch):
        self.total = 0
        real = zlib.decompressobj

        counter = self

        class Counting:
            def __init__(self, *args):
                self._d = real(*args)

            def decompress(self, data, max_length=0):
                out = self._d.decompress(data, max_length)
                counter.total += len(out)
                return out

            def flush(self, *args):
                out = self._d.flush(*args)
                counter.total += len(out)
                return out

            def __getattr__(self, name):
                return getattr(self._d, name)

        monkeypatch.setattr(zipfile.zlib, "decompressobj", Counting)


# --- Word packages --------------------------------------------------------------------------------

def _lying_bomb(seed: bytes, inflated: int) -> tuple[bytes, int]:
    """document.xml holding ``inflated`` bytes while its headers declare the size of the real one."""
    parts = _parts(seed)
    doc = parts["word/document.xml"]
    padded = doc.replace(b"<w:body>", b"<w:body>" + b" " * (inflated - len(doc)), 1)
    data = bytearray(_zip({**parts, "word/document.xml": padded}))
    name = b"word/document.xml"
    i = data.index(b"PK\x01\x02")  # central directory entries
    while i >= 0:
        name_len = int.from_bytes(data[i + 28: i + 30], "little")
        if bytes(data[i + 46: i + 46 + name_len]) == name:
            data[i + 24: i + 28] = len(doc).to_bytes(4, "little")  # declared uncompressed size
            local = int.from_bytes(data[i + 42: i + 46], "little")
            data[local + 22: local + 26] = len(doc).to_bytes(4, "little")
        i = data.find(b"PK\x01\x02", i + 1)
    return bytes(data), len(doc)


def test_a_zip_bomb_that_lies_about_its_size_is_refused_after_inflating_only_what_it_declares(seed_docx,
                                                                                             monkeypatch):
    bomb, declared = _lying_bomb(seed_docx, 200 * 1024 * 1024)  # 200 MB behind ~200 KB
    assert len(bomb) < 1024 * 1024
    counter = _InflateCounter(monkeypatch)
    with pytest.raises(ReportImportError, match="Word 文件已损坏"):
        import_bytes(bomb, "年报 2024.docx")
    # every entry is inflated at most to its declared size plus one read step, never to 200 MB
    declared_total = sum(len(c) for c in _parts(seed_docx).values())
    assert counter.total < declared_total + 2 * 1024 * 1024



# --- too much to look through ----------------------------------------------------------------------

def _never(*_args, **_kwargs):
    raise AssertionError("the input should have been refused before this step")


def test_two_million_short_lines_are_refused_before_the_report_is_looked_for(monkeypatch):
    import app.importing as importing
    from app.importing import MAX_TEXT_CHARS, import_text

    monkeypatch.setattr(importing, "_recognise", _never)
    text = "政\n" * (MAX_TEXT_CHARS // 2)  # within the character limit
    with pytest.raises(ReportImportError, match="不像是一份年报"):
        import_text(text)
    with pytest.raises(ReportImportError, match="不像是一份年报"):
        import_bytes(text.encode("utf-8"), "年报.txt")


@pytest.mark.parametrize("page", [
    "<html><body>" + "<p>政</p>" * 1_000_000 + "</body></html>",  # a million elements: minutes in html.parser
    "<html><body><p>" + "&amp;" * 2_000_000 + "</p></body></html>",  # two million character references
])
def test_a_page_with_absurd_markup_is_refused_before_it_is_parsed(page, monkeypatch):
    from app.importing import html_source

    monkeypatch.setattr(html_source._Builder, "feed", _never)
    with pytest.raises(ReportImportError, match="网页的标记过多"):
        import_bytes(page.encode("utf-8"), "年报 2024.html")


def test_a_page_parsed_into_too_many_paragraphs_is_refused_before_the_report_is_looked_for(monkeypatch):
    import app.importing as importing

    monkeypatch.setattr(importing, "_recognise", _never)
    page = "<html><body>" + "<p>政</p>" * 100_000 + "</body></html>"  # under the markup limit
    with pytest.raises(ReportImportError, match="不像是一份年报"):
        import_bytes(page.encode("utf-8"), "年报 2024.html")


def test_a_word_file_with_a_million_paragraphs_stops_being_read_at_the_limit(seed_docx, monkeypatch):
    import app.importing as importing
    from app.importing import docx_source

    parts = _parts(seed_docx)
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"<w:body>", b"<w:body>" + b"<w:p/>" * 1_000_000)
    monkeypatch.setattr(importing, "_recognise", _never)
    read = []
    real = docx_source.paragraph_text
    monkeypatch.setattr(docx_source, "paragraph_text", lambda p: read.append(1) or real(p))
    with pytest.raises(ReportImportError, match="不像是一份年报"):
        import_bytes(_zip(parts), "年报 2024.docx")
    assert len(read) <= MAX_BLOCKS + 1


# --- PDF --------------------------------------------------------------------------------------------

def _pdf_pages_sharing_one_stream(pages: int, content: bytes) -> bytes:
    """A PDF whose every page draws the same compressed content stream (written by hand, xref and all)."""
    stream = zlib.compress(content, 9)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (4 + i) for i in range(pages))
               + b"] /Count %d >>" % pages,
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>"] * pages
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.fixture
def extractions(monkeypatch):
    """Counts the pages whose text pypdf extracts (the slow step)."""
    from pypdf import PageObject

    calls = []
    real = PageObject.extract_text
    monkeypatch.setattr(PageObject, "extract_text", lambda self, *a, **kw: calls.append(1) or real(self, *a, **kw))
    return calls


def test_a_pdf_whose_pages_share_one_huge_stream_is_refused_before_any_text_is_extracted(extractions):
    content = b"BT /F1 12 Tf 72 720 Td (x) Tj ET\n" + b" " * (200 * 1024 * 1024)  # 200 MB behind 200 KB
    data = _pdf_pages_sharing_one_stream(200, content)
    assert len(data) < 1024 * 1024
    with pytest.raises(ReportImportError, match="页面内容过大"):
        import_bytes(data, "年报 2024.pdf")
    assert extractions == []  # before: 200 pages × 75 MB walked twice, 46 s


def test_a_pdf_with_more_drawing_than_any_report_stops_at_the_page_where_it_adds_up(extractions):
    from app.importing.pdf_source import MAX_CONTENT_BYTES

    page = b"0 0 m 1 1 l S\n" + b" " * (MAX_CONTENT_BYTES // 3 - 100)  # a third of the limit on every page
    with pytest.raises(ReportImportError, match="到第4页为止的页面内容过大"):
        import_bytes(_pdf_pages_sharing_one_stream(200, page), "年报 2024.pdf")
    assert len(extractions) <= 2 * 3  # three pages read (plain and layout), not two hundred
