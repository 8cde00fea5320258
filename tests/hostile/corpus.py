"""The hostile-file corpus: crafted inputs for every reader, written on demand (no binaries are committed).

    python -m tests.hostile.corpus OUT_DIR          # writes the slow corpus, prints one line per file
    attacks(small=True)                             # the fast suite's small input of each kind

Each ``Attack`` names its file, how to make it and the words the refusal must contain. The sizes of the slow
corpus are those that hung or took gigabytes before the reader budgets (issue 24); the small ones are just
past each budget, so the fast suite sees every message without paying for the bombs.
"""

from __future__ import annotations

import io
import os
import re
import sys
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.limits import readers as limits

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "huaian-2024.nianbao"
MARK = "987654"  # put in one cell of the example, then swapped for the hostile number in the written file
DIGITS = "9" * 4301  # past Python's int-from-string limit (thousands of leading zeros read as the number now)


@dataclass
class Attack:
    name: str
    make: Callable[[Path], Path]  # writes the input under the folder given, returns its path
    expect: str  # words the refusal (or the import's account of the cell) must contain
    imports: bool = False  # imported with the cell named as not read (exit 0), not refused (exit 2)


# --- zips ----------------------------------------------------------------------------------------------------

def _zip(members: dict[str, bytes], compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compress) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


_CT = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
       b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
       b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
       b'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.'
       b'main+xml"/></Types>')
_RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
         b'2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
         b'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
_W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx(body: bytes, prolog: bytes = b"") -> bytes:
    document = b'<?xml version="1.0" encoding="UTF-8"?>' + prolog + b"<w:document " + _W + b"><w:body>" + body + \
        b"</w:body></w:document>"
    return _zip({"[Content_Types].xml": _CT, "_rels/.rels": _RELS, "word/document.xml": document})


def docx_entity_bomb(levels: int = 10) -> bytes:
    ents = b'<!ENTITY e0 "lol">' + b"".join(
        b'<!ENTITY e%d "%s">' % (i, b"&e%d;" % (i - 1) * 10) for i in range(1, levels))
    return _docx(b"<w:p><w:r><w:t>&e%d;</w:t></w:r></w:p>" % (levels - 1), b"<!DOCTYPE w:document [" + ents + b"]>")


def docx_deep(depth: int) -> bytes:
    return _docx(b"<w:sdt><w:sdtContent>" * depth + b"<w:p/>" + b"</w:sdtContent></w:sdt>" * depth)


def docx_many_nodes(count: int) -> bytes:
    return _docx(b"<w:p/>" * count)


def zip_declared_huge(name: str, size: int) -> bytes:
    """One member that unpacks to ``size`` bytes of spaces (a zip bomb of honest headers)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CT.replace(b"word/document", b"xl/workbook"))
        zf.writestr("xl/workbook.xml", b"<workbook/>")
        with zf.open(name, "w", force_zip64=True) as f:
            chunk = b" " * (1 << 20)
            for _ in range(size >> 20):
                f.write(chunk)
    return buf.getvalue()


# --- the example report, with one number swapped for a hostile one -----------------------------------------

def _marked_report():
    from app import storage

    report = storage.load(EXAMPLE)
    ref = next(r for r in report.fmt.all_cells() if not report.fmt.is_total(r) and report.value(r))
    report.set_cell(ref, MARK)
    return report


def report_html(number: str = DIGITS) -> bytes:
    from app.export.html import render_html, website

    return render_html(website(_marked_report())).replace(MARK, number, 1).encode("utf-8")


def report_text(number: str = DIGITS) -> bytes:
    from app.export.html import render_text, website

    return render_text(website(_marked_report())).replace(MARK, number, 1).encode("utf-8")


def long_part(chars: int) -> bytes:
    """A report's text whose first part is one paragraph of ``chars`` characters."""
    text = report_text(MARK).decode("utf-8")
    assert "一、总体情况\n" in text
    return text.replace("一、总体情况\n", "一、总体情况\n" + "政务公开" * (chars // 4) + "\n", 1).encode("utf-8")


def report_docx(folder: Path, number: str = DIGITS) -> bytes:
    from app.export.word import export_docx

    path = folder / "_report.docx"
    export_docx(_marked_report(), path)
    with zipfile.ZipFile(path) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    path.unlink()
    xml = members["word/document.xml"].decode("utf-8")
    members["word/document.xml"] = xml.replace(f">{MARK}<", f">{number}<", 1).encode("utf-8")
    return _zip(members)


def report_xlsx(number: str = DIGITS, formula: bool = False) -> bytes:
    """Our fill-in workbook with the marked cell typed as text (or as a formula whose cached value is text)."""
    from app.export.xlsx import fill_in_workbook

    with zipfile.ZipFile(io.BytesIO(fill_in_workbook(_marked_report()))) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    for name, data in members.items():
        if name.startswith("xl/worksheets/") and f"<v>{MARK}</v>".encode() in data:
            cell = (f'<f>"{number}"</f><v>{number}</v>' if formula else f"<is><t>{number}</t></is>")
            kind = ' t="str"' if formula else ' t="inlineStr"'
            text = data.decode("utf-8")
            at = text.index(f"<v>{MARK}</v>")
            start = text.rindex("<c ", 0, at)
            head = text[start:text.index(">", start)]
            head = head.replace(' t="n"', "").rstrip("/") + kind
            text = text[:start] + head + ">" + cell + "</c>" + text[text.index("</c>", at) + 4:]
            members[name] = text.encode("utf-8")
            break
    else:  # pragma: no cover - the example always has the marked cell
        raise AssertionError("marked cell not found")
    return _zip(members)


def xlsx_sheet_rows(rows: int, past_excel: bool = False) -> bytes:
    """Our workbook with the first table's sheet grown by ``rows`` rows of repeated cells (or one row past
    Excel's last, declared by its dimension and its row index)."""
    from app.export.xlsx import fill_in_workbook

    with zipfile.ZipFile(io.BytesIO(fill_in_workbook(_marked_report()))) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    mark = f"<v>{MARK}</v>".encode()
    name = next(n for n in sorted(members) if n.startswith("xl/worksheets/") and mark in members[n])
    text = members[name].decode("utf-8")
    if past_excel:
        extra = '<row r="2000000"><c r="A2000000"><v>1</v></c></row>'
        text = re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:XFD2000000"', text, count=1)
    else:
        extra = "".join(f'<row r="{r}"><c r="A{r}"><v>1</v></c><c r="B{r}"><v>2</v></c></row>'
                        for r in range(1000, 1000 + rows))
        text = re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="A1:Z{999 + rows}"', text, count=1)
    members[name] = text.replace("</sheetData>", extra + "</sheetData>").encode("utf-8")
    return _zip(members)


# --- web pages -----------------------------------------------------------------------------------------------

def html_page(body: bytes) -> bytes:
    return b"<html><body><p>" + body + b"</p></body></html>"


def unclosed_tags(count: int) -> bytes:
    """A page ending in ``count`` start tags that never close (quadratic in html.parser before the fix)."""
    return "<html><body><p>正文".encode() + b"<a " * count


def mht(parts: int = 1, depth: int = 1) -> bytes:
    """A web archive with ``parts`` small parts, or multipart nested ``depth`` deep."""
    out = [b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b0\"\r\n\r\n"]
    for level in range(1, depth):
        out.append(b"--b%d\r\nContent-Type: multipart/related; boundary=\"b%d\"\r\n\r\n" % (level - 1, level))
    last = depth - 1
    for _ in range(parts):
        out.append(b"--b%d\r\nContent-Type: text/plain\r\n\r\nx\r\n" % last)
    out.append(b"--b%d\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>page</p>\r\n" % last)
    for level in range(depth - 1, -1, -1):
        out.append(b"--b%d--\r\n" % level)
    return b"".join(out)


# --- PDF -----------------------------------------------------------------------------------------------------

def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of the given objects (1 is the catalog), with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    packed = zlib.compress(data, 9)
    return b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(packed), extra) + packed + b"\nendstream"


def pdf_tounicode_bomb(ranges: int) -> bytes:
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange <0000> <FFFF> "
            b"endcodespacerange\n" + b"100 beginbfrange\n" + b"<0000> <FFFF> <4E00>\n" * ranges
            + b"endbfrange endcmap end end")
    content = b"BT /F1 12 Tf 72 720 Td (ab) Tj ET"
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
                 b"/Contents 4 0 R >>",
                 _stream(content),
                 b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
                 _stream(cmap)])


def pdf_xobject_bomb(pages: int, depth: int, fan: int = 4) -> bytes:
    """Every page draws form 1, which draws form 2 ``fan`` times, …, ``depth`` deep: fan**depth draws a page."""
    first_form = 3 + 2 * pages
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(pages)),
                                                             pages)]
    for _ in range(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /X %d 0 R >>"
                       b" >> /Contents %d 0 R >>" % (first_form, len(objects) + 2))
        objects.append(_stream(b"/X Do"))
    for level in range(depth):
        last = level == depth - 1
        body = b"BT (x) Tj ET" if last else b"/X Do " * fan
        res = b"" if last else b"/Resources << /XObject << /X %d 0 R >> >> " % (first_form + level + 1)
        objects.append(_stream(body, b"/Type /XObject /Subtype /Form /BBox [0 0 10 10] " + res))
    return _pdf(objects)


# --- the corpus ---------------------------------------------------------------------------------------------

def _writer(name: str, build: Callable[[Path], bytes]) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(build(folder))
        return path
    return make


def _fifo(folder: Path) -> Path:
    path = folder / "pipe.docx"
    os.mkfifo(path)
    return path


def _folder(folder: Path) -> Path:
    path = folder / "folder.docx"
    path.mkdir()
    return path


def attacks(small: bool = False) -> list[Attack]:
    """Every hostile input; ``small``: each just past its budget (the fast suite), else the sizes that hurt."""
    tags = limits.HTML_TAGS + 1000 if small else 3_000_000
    nodes = limits.WORD_XML_NODES + 1000 if small else 5_000_000
    rows = limits.XLSX_ROWS + 10 if small else 400_000
    refusal = "超过读取限制"
    special = [Attack("dev-zero", lambda _f: Path("/dev/zero"), "不是普通文件"),
               Attack("dev-urandom", lambda _f: Path("/dev/urandom"), "不是普通文件"),
               Attack("fifo", _fifo, "不是普通文件"),
               Attack("directory", _folder, "文件夹")]
    return special + [
        Attack("entity-bomb.docx", _writer("entity-bomb.docx", lambda _f: docx_entity_bomb()), "Word 文件已损坏"),
        Attack("deep-nesting.docx", _writer("deep-nesting.docx", lambda _f: docx_deep(20_000 if small else 500_000)),
               "Word"),
        Attack("many-nodes.docx", _writer("many-nodes.docx", lambda _f: docx_many_nodes(nodes)), refusal),
        Attack("huge-digits.docx", _writer("huge-digits.docx", report_docx), "数字过大", imports=True),
        Attack("huge-digits.html", _writer("huge-digits.html", lambda _f: report_html()), "数字过大", imports=True),
        Attack("huge-digits.txt", _writer("huge-digits.txt", lambda _f: report_text()), "数字过大", imports=True),
        Attack("huge-digits.xlsx", _writer("huge-digits.xlsx", lambda _f: report_xlsx()), "数字过大"),
        Attack("huge-digits-formula.xlsx", _writer("huge-digits-formula.xlsx", lambda _f: report_xlsx(formula=True)),
               "数字过大"),
        Attack("long-part.txt", _writer("long-part.txt", lambda _f: long_part(
            limits.FIELD_CHARS + 10 if small else limits.TEXT_CHARS // 2)), "的文字（"),
        Attack("many-rows.xlsx", _writer("many-rows.xlsx", lambda _f: xlsx_sheet_rows(rows)),
               "超过读取限制"),
        Attack("rows-past-excel.xlsx", _writer("rows-past-excel.xlsx", lambda _f: xlsx_sheet_rows(0, True)),
               "1048576"),
        Attack("unpacks-huge.xlsx", _writer("unpacks-huge.xlsx", lambda _f: zip_declared_huge(
            "xl/worksheets/sheet1.xml", (limits.XLSX_TOTAL_BYTES if small else 2000 * 1024 * 1024) + (1 << 20))),
            refusal),
        Attack("many-a.html", _writer("many-a.html", lambda _f: html_page(b"<a" * tags)), refusal),
        Attack("unclosed-tags.html", _writer("unclosed-tags.html", lambda _f: unclosed_tags(
            100_000 if small else limits.HTML_TAGS - 100)), "没有识别出年报"),
        Attack("many-cdata.html", _writer("many-cdata.html", lambda _f: html_page(b"<![CDATA[x" * tags)), refusal),
        Attack("many-end-tags.html", _writer("many-end-tags.html", lambda _f: html_page(b"</x" * tags)), refusal),
        Attack("nested.mht", _writer("nested.mht", lambda _f: mht(depth=limits.MHT_DEPTH + 2 if small else 5000)),
               refusal),
        Attack("many-parts.mht", _writer("many-parts.mht", lambda _f: mht(
            parts=limits.MHT_PARTS + 10 if small else 300_000)), refusal),
        Attack("tounicode-bomb.pdf", _writer("tounicode-bomb.pdf", lambda _f: pdf_tounicode_bomb(
            4 if small else 400)), refusal),
        Attack("xobject-bomb.pdf", _writer("xobject-bomb.pdf", lambda _f: pdf_xobject_bomb(
            1 if small else 200, 7 if small else 12)), refusal),
    ]


@dataclass
class Outcome:
    code: int  # the exit status, or -signal
    stderr: str
    seconds: float
    peak_mb: float  # the child's peak resident memory


def run_cli(args: list[str], timeout: float = 60, memory_mb: int = 2048) -> Outcome:
    """``python -m app.cli ARGS`` in a child of its own, measured by ``wait4`` (that child's own peak memory, not
    the largest of all children so far); an address-space cap keeps a bomb that got through from taking the
    machine, and a child past ``timeout`` is killed."""
    import resource
    import signal
    import subprocess
    import tempfile
    import time

    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (memory_mb << 20, memory_mb << 20))

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryFile() as err:
        start = time.monotonic()
        child = subprocess.Popen([sys.executable, "-m", "app.cli", *args], cwd=ROOT, env=env, preexec_fn=cap,
                                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > timeout:
                os.kill(child.pid, signal.SIGKILL)
            time.sleep(0.01)
        seconds = time.monotonic() - start
        child.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait for it again
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    return Outcome(child.returncode, text, seconds, usage.ru_maxrss / 1024)


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else Path("hostile-corpus")
    folder.mkdir(parents=True, exist_ok=True)
    for attack in attacks(small="--small" in argv):
        path = attack.make(folder)
        size = path.stat().st_size if path.is_file() else 0
        print(f"{attack.name}\t{path}\t{size}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
