"""Hostile input is refused cheaply: before it is read whole, decompressed or parsed.

Complements tests/test_storage.py (bad project files, a sparse oversized file, top-level nesting, long
numbers) and tests/test_import_errors.py / test_import_docx.py (garbage, an oversized sparse file, a zip
bomb declaring its size, billion laughs). "Cheap" is asserted by counting work (bytes read, bytes
inflated, parser calls), never by the clock.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
import zlib

import pytest

from app import storage
from app.importing import ReportImportError, import_bytes
from app.importing.blocks import MAX_BLOCKS
from tests.fuzzing import EXAMPLE


@pytest.fixture
def seed_docx(tmp_path) -> bytes:
    from app.export.word import export_docx

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


# --- oversized files are not read -------------------------------------------------------------------

@pytest.fixture
def reads(monkeypatch):
    """Every byte read from a file through pathlib or open()."""
    import builtins
    from pathlib import Path

    counted = []
    real_read_bytes, real_open = Path.read_bytes, builtins.open
    monkeypatch.setattr(Path, "read_bytes", lambda self: counted.append(str(self)) or real_read_bytes(self))

    def counting_open(file, *args, **kwargs):
        counted.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", counting_open)
    return counted


def _sparse(path, size: int):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        f.truncate(size)  # no disk space used
    return path


def test_an_oversized_project_file_is_refused_without_opening_it(tmp_path, reads):
    path = _sparse(tmp_path / "用户" / "年报 2024.nianbao", storage.MAX_FILE_BYTES + 1)
    reads.clear()
    with pytest.raises(storage.ProjectFileError, match="文件过大"):
        storage.load(path)
    assert reads == []


def test_an_oversized_report_to_import_is_refused_without_opening_it(tmp_path, reads):
    from app.importing import MAX_FILE_BYTES, import_file

    path = _sparse(tmp_path / "用户" / "年报 2024.docx", MAX_FILE_BYTES + 1)
    reads.clear()
    with pytest.raises(ReportImportError, match="文件过大"):
        import_file(path)
    assert reads == []


# --- deep nesting inside a project file -----------------------------------------------------------

def _project_with(field: str, value_json: str) -> str:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data[field] = "@@"
    return json.dumps(data, ensure_ascii=False).replace('"@@"', value_json)


@pytest.mark.parametrize("depth, message", [
    (900, "“notes[]”应为文本"),  # within what json reads: the type check refuses it
    (200_000, "嵌套过深"),  # beyond: json's recursion limit, turned into our message
])
def test_deep_nesting_inside_a_valid_project_file(depth, message):
    with pytest.raises(storage.ProjectFileError, match=re.escape(message)):
        storage.loads(_project_with("notes", "[" * depth + "]" * depth))


# --- zip entries and XML tricks -------------------------------------------------------------------

def test_a_zip_with_thousands_of_entries_is_refused_before_any_is_inflated(seed_docx, monkeypatch):
    from app.importing.docx_source import MAX_ENTRIES

    parts = _parts(seed_docx)
    parts.update({f"word/media/x{i}.bin": b"" for i in range(MAX_ENTRIES + 1)})
    data = _zip(parts)
    counter = _InflateCounter(monkeypatch)
    with pytest.raises(ReportImportError, match="部件"):
        import_bytes(data, "年报 2024.docx")
    assert counter.total == 0


def _with_doctype(seed: bytes, doctype: str, before_text: str) -> bytes:
    parts = _parts(seed)
    xml = parts["word/document.xml"].decode("utf-8")
    head, _, rest = xml.partition("?>")
    rest = rest.replace("<w:t>", f"<w:t>{before_text}", 1)
    parts["word/document.xml"] = f"{head}?><!DOCTYPE w:document [{doctype}]>{rest}".encode()
    return _zip(parts)


SECRET = "外部文件的内容"


@pytest.fixture
def secret_files(tmp_path):
    """Files an entity could pull in: plain text, and a DTD that defines an entity holding the text."""
    text = tmp_path / "机密.txt"
    text.write_text(SECRET, encoding="utf-8")
    dtd = tmp_path / "外部.dtd"
    dtd.write_text(f'<!ENTITY leak "{SECRET}">', encoding="utf-8")
    return text.as_uri(), dtd.as_uri()


@pytest.mark.parametrize("doctype, use", [
    ('<!ENTITY leak SYSTEM "{text}">', "&leak;"),  # external general entity
    ('<!ENTITY % ext SYSTEM "{dtd}"> %ext;', "&leak;"),  # external parameter entity defining &leak;
    ('<!ENTITY % ext SYSTEM "{dtd}"> %ext; <!ENTITY x "&leak;">', "&x;"),
    ('<!ENTITY big "{big}">', "&big;" * 200),  # quadratic blow-up: one large entity used many times
])
def test_entities_in_word_xml_never_pull_in_files_or_expand(seed_docx, secret_files, doctype, use):
    text_uri, dtd_uri = secret_files
    doctype = doctype.format(text=text_uri, dtd=dtd_uri, big="哈" * 100_000)
    try:
        result = import_bytes(_with_doctype(seed_docx, doctype, use), "年报 2024.docx")
    except ReportImportError as e:
        assert "Word 文件已损坏" in str(e)
        return
    everything = result.report.title() + "".join(result.report.texts.values()) + result.summary()
    assert SECRET not in everything and "哈哈" not in everything


def test_an_external_dtd_and_xinclude_are_not_loaded(seed_docx, secret_files, tmp_path):
    text_uri, dtd_uri = secret_files
    parts = _parts(seed_docx)
    xml = parts["word/document.xml"].decode("utf-8")
    head, _, rest = xml.partition("?>")
    rest = rest.replace("<w:t>", f'<w:t><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{text_uri}" '
                                 'parse="text"/>&leak;', 1)
    parts["word/document.xml"] = f'{head}?><!DOCTYPE w:document SYSTEM "{dtd_uri}">{rest}'.encode()
    try:
        result = import_bytes(_zip(parts), "年报 2024.docx")
    except ReportImportError as e:
        assert "Word 文件已损坏" in str(e)
        return
    assert SECRET not in result.report.title() + "".join(result.report.texts.values()) + result.summary()
