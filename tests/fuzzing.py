"""Fuzzing the project loader and the importers: seeds, mutations, and worker processes with a time limit.

Used by tests/test_fuzz.py. Seeds are real files: the bundled example project, its Word export, a web
page rendered from its tables (rowspan/colspan as government sites print them), its PDF (when
LibreOffice is installed) and the seed report as text. Each case is a seed with a few mutations stacked
(byte flips, truncation, splicing, duplication, tokens such as huge numbers, deep nesting and odd
Unicode; for JSON, HTML, Word XML and PDF also mutations that keep the container readable so the
parser gets past its front door).

The oracle: a case either succeeds, and then the result can be checked, saved and reopened unchanged
(and, for some cases, exported to Word), or raises the documented error (``storage.ProjectFileError``,
``importing.ReportImportError``) with a Chinese message. Anything else is a failure, and so is a case that
runs over the time limit: cases run in worker processes, a worker that overruns is killed, and the input
is written to a file.

Reproduce a saved failure (the ``.json`` beside it names the entry point)::

    .venv/bin/python -m tests.fuzzing path/to/failure-file
"""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import random
import re
import sys
import time
import traceback
import warnings
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "resources" / "examples" / "tianshan-2024.nianbao"
SAMPLE = ROOT / "tests" / "fixtures" / "import" / "sample-2023.nianbao"
PROJECT_V1 = ROOT / "tests" / "fixtures" / "project-v1.nianbao"
SEED_TEXT = ROOT / "tests" / "fixtures" / "import" / "seed-tianshan-2024.txt"

TARGETS = ("load", "loads", "import_bytes", "import_file", "import_text")
_HAN = re.compile(r"[\u4e00-\u9fff]")


# --- seeds ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Seed:
    kind: str  # nianbao, docx, html, pdf, txt
    name: str  # the file name the importer is given
    data: bytes


def html_page(report, encoding: str = "utf-8") -> bytes:
    """A saved web page of ``report`` as a government site prints one: tables with rowspan and colspan."""
    import html

    fmt = report.fmt
    out = [f'<html><head><meta charset="{encoding}"><title>{html.escape(report.title())}</title></head><body>',
           '<div class="nav"><a href="/">首页</a> &gt; 政务公开</div>',
           f"<h1>{html.escape(report.title())}</h1>"]

    def paras(key):
        out.extend(f'<p style="text-indent:2em">{html.escape(p)}</p>' for p in report.text(key).split("\n") if p)

    for section in fmt.sections:
        if section.title:
            out.append(f"<p><strong>{html.escape(section.title)}</strong></p>")
        if section.kind == "table":
            table = fmt.tables[section.table]
            out.append('<table border="1" cellspacing="0"><tbody>')
            for r in range(table.grid_rows):
                cells = sorted((g for g in table.grid if g.r == r), key=lambda g: g.c)
                tds = []
                for g in cells:
                    span = (f' rowspan="{g.rowspan}"' if g.rowspan > 1 else "") + (
                        f' colspan="{g.colspan}"' if g.colspan > 1 else "")
                    text = (report.cell_text(g.ref) or str(report.value(g.ref))) if g.ref else g.text
                    tds.append(f"<td{span}>{html.escape(text).replace(chr(10), '<br>')}</td>")
                out.append("<tr>" + "".join(tds) + "</tr>")
            out.append("</tbody></table>")
            continue
        for part in section.parts:
            if part.heading:
                out.append(f"<p><strong>{html.escape(part.heading)}</strong></p>")
            paras(f"{section.id}.{part.id}")
    out += [f'<p style="text-align:right">{html.escape(report.body.signature)}</p>',
            f'<p style="text-align:right">{report.body.date}</p>', "</body></html>"]
    return "\n".join(out).encode(encoding)


def plain_pdf(data: bytes, pages: int | None = None) -> bytes:
    """The PDF with every stream decompressed (so mutations reach the text operators), optionally cut to
    its first ``pages`` pages."""
    import pypdf
    from pypdf.generic import DecodedStreamObject, EncodedStreamObject

    reader = pypdf.PdfReader(io.BytesIO(data))
    writer = pypdf.PdfWriter(clone_from=reader)
    if pages is not None:
        while len(writer.pages) > pages:
            writer.remove_page(len(writer.pages) - 1)
    for i, obj in enumerate(writer._objects):
        if isinstance(obj, EncodedStreamObject):
            plain = DecodedStreamObject()
            for key, value in obj.items():
                if key not in ("/Filter", "/DecodeParms", "/Length"):
                    plain[key] = value
            plain.set_data(obj.get_data())
            writer._objects[i] = plain
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


_FIXED_TIME = (2025, 1, 26, 0, 0, 0)


def _fixed_docx(data: bytes) -> bytes:
    """The exported file without the moment of export (zip entry times, created/modified), so the same
    random seed mutates the same bytes on every run."""
    parts = _docx_parts(data)
    parts["docProps/core.xml"] = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2025-01-26T00:00:00Z",
                                        parts["docProps/core.xml"])
    return _zip_parts(parts.items(), zipfile.ZIP_DEFLATED)


def _zip_parts(items, method: int) -> bytes:
    out = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(out, "w", method) as zf:
        warnings.simplefilter("ignore")  # a duplicate name is one of the mutations
        for name, content in items:
            zf.writestr(zipfile.ZipInfo(name, _FIXED_TIME), content, compress_type=method)
    return out.getvalue()


def build_seeds(work: Path, pdf: bytes | None) -> dict[str, list[Seed]]:
    """Every seed, by kind. ``pdf`` is the example exported to PDF (None when LibreOffice is missing)."""
    from app import storage
    from app.export.word import export_docx

    seeds: dict[str, list[Seed]] = {"nianbao": [], "docx": [], "html": [], "txt": [], "pdf": []}
    for path in (EXAMPLE, SAMPLE, PROJECT_V1):
        seeds["nianbao"].append(Seed("nianbao", "年报 2024.nianbao", path.read_bytes()))
    for path in (EXAMPLE, SAMPLE):
        report = storage.load(path)
        out = work / "用户" / f"{path.stem}.docx"
        out.parent.mkdir(parents=True, exist_ok=True)
        export_docx(report, out)
        seeds["docx"].append(Seed("docx", "年报 2024.docx", _fixed_docx(out.read_bytes())))
        seeds["html"].append(Seed("html", "年报 2024.html", html_page(report)))
    seeds["html"].append(Seed("html", "年报 2024.htm", html_page(storage.load(SAMPLE), "gb18030")))
    seeds["txt"].append(Seed("txt", "年报 2024.txt", SEED_TEXT.read_bytes()))
    if pdf is not None:
        seeds["pdf"] += [Seed("pdf", "年报 2024.pdf", pdf), Seed("pdf", "年报 2024.pdf", plain_pdf(pdf, 2)),
                         Seed("pdf", "年报 2024.pdf", plain_pdf(pdf, 1))]
    return seeds


# --- mutations --------------------------------------------------------------------------------------

# Things parsers choke on: huge and odd numbers, deep nesting, Unicode beyond the BMP, joiners, bidi
# overrides, bytes that are not UTF-8, template and format syntax, and the report's own landmarks.
TOKENS: list[bytes] = [t if isinstance(t, bytes) else t.encode("utf-8") for t in (
    "9" * 400, "1" * 5000, "-1", "1e999999", "1E-999999", "18446744073709551616", "NaN", "-Infinity",
    "0.000000001", "1,234,567,890,123,456", "１２３４５", "二〇二四", "١٢٣",
    "[" * 3000, '{"a":' * 3000, "<div>" * 5000, "<table><tr><td>" * 400, "</td></tr></table>" * 50,
    "😀", "👨\u200d👩\u200d👧\u200d👦", "\u202e\u2066", "\u200b\u200d\ufeff", b"\xed\xa0\x80", b"\xff\xfe", b"\x00",
    b"\x80\x81\xfe", "\x1b[2J", "\x07\x08\x0b\x0c", "e" + "\u0301" * 300, "\uffff\ufffe", "\U0010ffff", "\u2028\u2029",
    "{{ 7*7 }}", "{% for x in range(10**9) %}", "{0}{name}%s%n", "&#0;&#xD800;&#x110000;&#99999999999;",
    "&lt;&amp;&bogus;", "<![CDATA[", "]]>", "<!--", "\r", "\r\n" * 100, "\t" * 100, "\u3000" * 100, "|" * 50,
    "一、总体情况", "（一）主动公开情况", "三、收到和处理政府信息公开申请情况", "合计", "总计", "申请人情况",
    "2024年政府信息公开工作年度报告", "2025年1月26日", "人民政府", "万元", "\n" * 300, "x" * 60000,
)]

# JSON values a damaged or hostile project file may hold in any place.
JSON_VALUES: list = [None, True, False, 0, -1, 2 ** 64, 10 ** 30, 1.5, -0.0, 1e308, "", "0", "-3", "1e5",
                     "12件", "１２", "9" * 40, "x" * 100_000, "😀👨\u200d👩\u200d👧", "\ud800", "\x00\x07",
                     "{{ 7*7 }}", [], {}, [1, 2, 3], {"a": 1}, "2025-02-30", "2025-01-26", "GBGKBH-2021-30",
                     "nianbao-project", "government", "summary"]


def _nested_list(depth: int):
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


def _span(rng: random.Random, data: bytes, most: int = 4096) -> tuple[int, int]:
    start = rng.randrange(len(data) + 1)
    return start, min(len(data), start + rng.randint(1, most))


def flip_bits(rng, data, _seeds):
    buf = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        if buf:
            buf[rng.randrange(len(buf))] ^= 1 << rng.randrange(8)
    return bytes(buf)


def random_bytes(rng, data, _seeds):
    buf = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if buf:
            i = rng.randrange(len(buf))
            buf[i: i + rng.randint(1, 8)] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
    return bytes(buf)


def truncate(rng, data, _seeds):
    return data[:rng.randrange(len(data) + 1)]


def delete_chunk(rng, data, _seeds):
    a, b = _span(rng, data)
    return data[:a] + data[b:]


def duplicate_chunk(rng, data, _seeds):
    a, b = _span(rng, data)
    return data[:b] + data[a:b] * rng.choice((1, 2, 10, 100)) + data[b:]


def splice(rng, data, seeds):
    other = rng.choice(seeds).data
    return data[:rng.randrange(len(data) + 1)] + other[rng.randrange(len(other) + 1):]


def insert_token(rng, data, _seeds):
    i = rng.randrange(len(data) + 1)
    return data[:i] + rng.choice(TOKENS) * rng.choice((1, 1, 1, 3, 50)) + data[i:]


def replace_number(rng, data, _seeds):
    """A number in the file replaced by a huge, negative or odd one."""
    numbers = list(re.finditer(rb"\d+", data[:2_000_000]))
    if not numbers:
        return insert_token(rng, data, _seeds)
    m = rng.choice(numbers)
    new = rng.choice([b"9" * rng.choice((16, 400, 5000)), b"-" + m.group(), b"0" * 50 + m.group(), b"1e308",
                      "１２".encode(), b"4294967296", b"2147483648", b"-2147483649", b"0", b"1.5"])
    return data[:m.start()] + new + data[m.end():]


BYTE_OPS = [flip_bits, random_bytes, truncate, delete_chunk, duplicate_chunk, splice, insert_token, replace_number]


def mutate_bytes(rng: random.Random, data: bytes, seeds: list[Seed], ops=BYTE_OPS) -> tuple[bytes, list[str]]:
    how = []
    for _ in range(rng.choice((1, 1, 2, 3))):
        op = rng.choice(ops)
        data = op(rng, data, seeds)
        how.append(op.__name__)
    return data, how


def _json_slots(root):
    """Every (container, key, path) in a parsed JSON document, down to the depth a project file has."""
    todo = [(root, ())]
    while todo:
        node, path = todo.pop()
        if len(path) > 8:
            continue
        keys = list(node) if isinstance(node, dict) else range(len(node)) if isinstance(node, list) else ()
        for key in keys:
            yield node, key, path + (key,)
            todo.append((node[key], path + (key,)))


def mutate_json(rng: random.Random, data: bytes, _seeds) -> tuple[bytes, list[str]]:
    """Change the parsed project file and write it again: the loader meets valid JSON with wrong content."""
    doc = json.loads(data.decode("utf-8-sig"))
    how = []
    for _ in range(rng.choice((1, 1, 2, 3))):
        slots = list(_json_slots(doc))
        container, key, path = rng.choice(slots)
        where = "/".join(map(str, path))
        op = rng.randrange(7)
        if op <= 2:
            value = rng.choice(JSON_VALUES + [_nested_list(rng.choice((100, 900, 5000)))])
            container[key] = value
            how.append(f"set {where}")
        elif op == 3:
            del container[key]
            how.append(f"delete {where}")
        elif op == 4 and isinstance(container, dict):
            container[rng.choice(["x", "", "natural", "total", "overall.intro", "😀", "__class__"])] = container[key]
            how.append(f"copy {where}")
        elif op == 5:
            container[key] = {"a": container[key]} if rng.random() < 0.5 else [container[key]]
            how.append(f"wrap {where}")
        else:
            value = container[key]
            if isinstance(value, str):
                container[key] = rng.choice([value * 50, value[::-1], value.upper(), value + "\x00"])
            else:  # a number as text, a list or object as a string
                container[key] = str(value) if not isinstance(value, (list, dict)) else "[…]"
            how.append(f"retype {where}")
    try:
        text = json.dumps(doc, ensure_ascii=rng.random() < 0.3, indent=rng.choice((None, 1)))
    except (ValueError, RecursionError):  # a nested value too deep for json itself: keep the old document
        return data, how + ["unchanged"]
    return text.encode("utf-8", "surrogatepass"), how


def mutate_text(rng: random.Random, data: bytes, _seeds) -> tuple[bytes, list[str]]:
    """Line-level changes to a text report: lines duplicated, dropped, moved, numbers changed, re-encoded."""
    text = data.decode("utf-8", "replace")
    lines = text.split("\n")
    how = []
    for _ in range(rng.choice((1, 2, 3))):
        op = rng.randrange(8)
        i = rng.randrange(len(lines))
        if op == 0:
            lines[i:i] = lines[i: i + rng.randint(1, 20)] * rng.choice((1, 2, 30))
            how.append("duplicate lines")
        elif op == 1:
            del lines[i: i + rng.randint(1, 20)]
            how.append("delete lines")
        elif op == 2:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            how.append("swap lines")
        elif op == 3:
            lines[i] = re.sub(r"\d+", lambda _: rng.choice(["9" * 30, "-5", "１２", "1,000", "0.5", "〇"]), lines[i])
            how.append("change numbers")
        elif op == 4:
            lines[i] = "\t".join(lines[i].split()) + "\t" * rng.randint(0, 5)
            how.append("tabs")
        elif op == 5:
            lines[i] = lines[i] + rng.choice(TOKENS).decode("utf-8", "replace")
            how.append("token")
        elif op == 6:
            lines[i] = lines[i] * rng.choice((2, 100, 2000))
            how.append("long line")
        else:
            lines[i:i + 2] = ["".join(lines[i:i + 2])]
            how.append("join lines")
    text = "\n".join(lines)
    if not lines:
        return b"", how
    encoding = rng.choice(["utf-8", "utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le"])
    return text.encode(encoding, "replace"), how + [encoding]


_TD = re.compile(rb"<t[dh](?=[ >])")
_ROW = re.compile(rb"<tr>.*?</tr>", re.S)


def mutate_html(rng: random.Random, data: bytes, seeds) -> tuple[bytes, list[str]]:
    """Markup-level changes: odd spans, rows duplicated or cut open, tables nested deep."""
    op = rng.randrange(5)
    if op == 0:
        cells = list(_TD.finditer(data))
        m = rng.choice(cells)
        attr = rng.choice([b"rowspan", b"colspan"]) + b'="' + rng.choice(
            [b"0", b"-1", b"99999", b"2147483648", b"abc", b"2.5", "２".encode(), b"", b"1" * 400]) + b'"'
        return data[:m.end()] + b" " + attr + data[m.end():], ["span attribute"]
    if op == 1:
        rows = list(_ROW.finditer(data))
        m = rng.choice(rows)
        return data[:m.end()] + m.group() * rng.choice((1, 5, 200)) + data[m.end():], ["duplicate row"]
    if op == 2:
        return re.sub(rb"</t[dr]>", b"", data, count=rng.randint(1, 400)), ["unclosed cells"]
    if op == 3:
        depth = rng.choice((50, 300, 3000))
        i = rng.randrange(len(data))
        return data[:i] + b"<table><tr><td>" * depth + data[i:], ["nested tables"]
    return mutate_bytes(rng, data, seeds)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _docx_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _rezip(rng: random.Random, parts: dict[str, bytes]) -> tuple[bytes, list[str]]:
    how = []
    method = rng.choice((zipfile.ZIP_DEFLATED, zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED))
    items = list(parts.items())
    if rng.random() < 0.05:
        items.append(rng.choice(items))  # the same part twice
        how.append("duplicate entry")
    if rng.random() < 0.05:
        items.remove(rng.choice(items))
        how.append("drop entry")
    return _zip_parts(items, method), how


def mutate_docx_xml(rng: random.Random, xml: bytes) -> tuple[bytes, list[str]]:
    """Element-level changes to document.xml: elements duplicated, deleted, moved, nested, spans changed."""
    from lxml import etree

    try:
        root = etree.fromstring(xml)
    except etree.XMLSyntaxError:
        return xml, ["unparsable"]
    body = root.find(f"{_W}body")
    elements = [el for el in (body if body is not None else root).iter() if isinstance(el.tag, str)]
    how = []
    for _ in range(rng.choice((1, 2, 3))):
        el = rng.choice(elements)
        parent = el.getparent()
        op = rng.randrange(8)
        tag = etree.QName(el).localname
        if op == 0 and parent is not None:
            for _ in range(rng.choice((1, 3, 100))):
                el.addnext(etree.fromstring(etree.tostring(el)))
            how.append(f"duplicate {tag}")
        elif op == 1 and parent is not None:
            parent.remove(el)
            elements = [e for e in elements if e is not el and el not in e.iterancestors()]
            how.append(f"delete {tag}")
        elif op == 2:
            pr = el if tag == "tcPr" else next(iter(root.iter(f"{_W}tcPr")), el)
            name = rng.choice(["gridSpan", "vMerge", "hMerge"])
            child = etree.SubElement(pr, f"{_W}{name}")
            child.set(f"{_W}val", rng.choice(["0", "-1", "99999", "restart", "continue", "abc", "1" * 400, ""]))
            how.append(f"{name} in {etree.QName(pr).localname}")
        elif op == 3:
            outer = inner = etree.Element(f"{_W}{rng.choice(['sdt', 'tbl', 'customXml'])}")
            for _ in range(rng.choice((10, 60, 200, 2000))):
                kind = rng.choice(["sdt", "sdtContent", "tbl", "tr", "tc", "customXml", "p"])
                inner = etree.SubElement(inner, f"{_W}{kind}")
            etree.SubElement(etree.SubElement(inner, f"{_W}r"), f"{_W}t").text = "一、总体情况"
            (body if body is not None else root).insert(rng.randrange(len(body if body is not None else root) + 1),
                                                        outer)
            how.append("deep nesting")
        elif op == 4:
            texts = list(root.iter(f"{_W}t")) or [el]
            target = rng.choice(texts)
            token = _NOT_XML.sub("", rng.choice(TOKENS).decode("utf-8", "replace"))  # lxml refuses them
            target.text = (target.text or "") + token
            how.append("token in w:t")
        elif op == 5:
            texts = list(root.iter(f"{_W}t"))
            if texts:
                target = rng.choice(texts)
                target.text = re.sub(r"\d+", lambda _: rng.choice(["9" * 30, "-5", "１２", "0.5"]), target.text or "")
            how.append("numbers in w:t")
        elif op == 6:
            others = [e for e in elements if e is not el and el not in e.iterancestors() and e is not root]
            if others and parent is not None:
                rng.choice(others).append(el)
                how.append(f"move {tag}")
        else:
            el.set(rng.choice([f"{_W}val", "id", f"{_W}w"]), rng.choice(["-1", "9" * 40, "", "😀"]))
            how.append(f"attribute on {tag}")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True), how


def mutate_docx(rng: random.Random, data: bytes, seeds) -> tuple[bytes, list[str]]:
    """A Word file changed as a zip (bytes) or inside (document.xml and the other parts, re-zipped)."""
    if rng.random() < 0.3:
        return mutate_bytes(rng, data, seeds)
    parts = _docx_parts(data)
    name = "word/document.xml" if rng.random() < 0.8 else rng.choice(sorted(parts))
    if name == "word/document.xml" and rng.random() < 0.75:
        parts[name], how = mutate_docx_xml(rng, parts[name])
    else:
        parts[name], how = mutate_bytes(rng, parts[name], seeds)
    data, zip_how = _rezip(rng, parts)
    return data, [f"{name}: " + ", ".join(how)] + zip_how


def mutate_pdf(rng: random.Random, data: bytes, seeds) -> tuple[bytes, list[str]]:
    """A PDF with its object numbers, counts, lengths or text operators changed, or its bytes."""
    op = rng.randrange(4)
    if op == 0:
        refs = list(re.finditer(rb"(\d+) 0 R", data))
        if refs:
            m = rng.choice(refs)
            new = rng.choice([b"99999999", b"0", b"1", b"2", m.group(1)])
            return data[:m.start(1)] + new + data[m.end(1):], ["object reference"]
    if op == 1:
        keys = list(re.finditer(rb"/(Count|Length|Kids|W|First|N|Size|Prev) ?(\d+)", data))
        if keys:
            m = rng.choice(keys)
            new = rng.choice([b"0", b"-1", b"99999999", b"4294967296", b"1" * 40])
            return data[:m.start(2)] + new + data[m.end(2):], [f"/{m.group(1).decode()}"]
    if op == 2:
        shows = list(re.finditer(rb"(<[0-9A-Fa-f]*>|\([^()]*\)) ?Tj|\] ?TJ", data))
        if shows:
            m = rng.choice(shows)
            return data[:m.start()] + rng.choice(TOKENS)[:200] + data[m.start():], ["text operator"]
    return mutate_bytes(rng, data, seeds)


# --- cases ------------------------------------------------------------------------------------------

@dataclass
class Case:
    target: str  # one of TARGETS
    data: bytes
    name: str = ""  # the file name given to the importer (and its suffix to import_file)
    how: str = ""  # the seed and the mutations, for the failure report
    export: bool = False  # also export a report that reads to Word (0.3 s, so only for some cases)


def _case(rng, seeds, kind, mutate, target, name_choices=None) -> Case:
    seed = rng.choice(seeds[kind])
    others = [s for group in seeds.values() for s in group]
    if mutate is mutate_bytes or rng.random() < 0.15:
        data, how = mutate_bytes(rng, seed.data, others)
    else:
        data, how = mutate(rng, seed.data, others)
    name = rng.choice(name_choices) if name_choices else seed.name
    return Case(target, data, name, f"{kind} seed {seeds[kind].index(seed)}: " + "; ".join(how),
                export=rng.random() < (0.1 if kind == "nianbao" else 0.03))


def family_cases(family: str, count: int, seeds: dict[str, list[Seed]], rng_seed: int) -> Iterator[Case]:
    """``count`` cases for one family (loader, text, html, docx, pdf), the same ones for the same seed.

    Made one at a time, so the pool's workers read the first cases while the next are being made.
    """
    rng = random.Random(f"{rng_seed}-{family}")
    if family == "loader":
        first = [Case("load", s.data, s.name, "seed") for s in seeds["nianbao"]]
    else:
        kind = family if family != "text" else "txt"
        first = [Case("import_bytes", s.data, s.name, "seed") for s in seeds[kind]]
    yield from first[:count]
    for _ in range(count - len(first)):
        if family == "loader":
            structural = rng.random() < 0.5
            target = rng.choice(("load", "loads"))
            yield _case(rng, seeds, "nianbao", mutate_json if structural else mutate_bytes, target)
        elif family == "text":
            target = rng.choice(("import_bytes", "import_bytes", "import_text", "import_file"))
            names = ["年报 2024.txt", "年报", "年报 2024.html", "年报.docx"]
            yield _case(rng, seeds, "txt", mutate_text, target, names)
        elif family == "html":
            target = rng.choice(("import_bytes", "import_bytes", "import_bytes", "import_file"))
            yield _case(rng, seeds, "html", mutate_html, target, ["年报 2024.html", "年报 2024.htm", "年报"])
        elif family == "docx":
            target = rng.choice(("import_bytes", "import_bytes", "import_bytes", "import_file"))
            yield _case(rng, seeds, "docx", mutate_docx, target)
        elif family == "pdf":
            yield _case(rng, seeds, "pdf", mutate_pdf, rng.choice(("import_bytes", "import_file")))
        else:
            raise ValueError(family)


# --- running one case (in a worker) -----------------------------------------------------------------

def run_case(target: str, data: bytes, name: str, scratch: Path, export: bool = False) -> tuple[str, str]:
    """("ok", ""), ("refused", the Chinese message) or ("failure", what went wrong)."""
    from app import storage
    from app.importing import ReportImportError, import_bytes, import_file, import_text

    expected = storage.ProjectFileError if target in ("load", "loads") else ReportImportError
    try:
        if target == "load":
            path = scratch / "用户" / "年报 2024.nianbao"
            path.write_bytes(data)
            result = storage.load(path)
        elif target == "loads":
            result = storage.loads(data.decode("utf-8", "surrogateescape"))
        elif target == "import_bytes":
            result = import_bytes(data, name)
        elif target == "import_file":
            path = scratch / "用户" / f"年报 2024{Path(name).suffix}"
            path.write_bytes(data)
            result = import_file(path)
        elif target == "import_text":
            result = import_text(data.decode("utf-8", "surrogateescape"))
        elif target == "selftest":  # the harness's own test (tests/test_fuzz.py): misbehave on purpose
            if data == b"hang":
                time.sleep(3600)
            elif data == b"die":
                os._exit(3)
            raise KeyError(data.decode())
        else:
            raise ValueError(target)
    except expected as e:
        message = str(e)
        if not _HAN.search(message):
            return "failure", f"{type(e).__name__} without a Chinese message: {message!r}"
        return "refused", message
    except BaseException:  # noqa: B036 - every other outcome is what the fuzz looks for
        return "failure", traceback.format_exc()
    try:
        report = result if target in ("load", "loads") else result.report
        if target not in ("load", "loads"):
            result.summary()  # the import log and the check engine on what came in
        else:
            from app.checks import check_report

            check_report(report)
        report.title()
        again = storage.loads(storage.dumps(report).encode("utf-8").decode("utf-8"))  # as a save writes it
        if again != report:
            return "failure", "the report changes when it is saved and opened again"
        if export:
            from app.export.word import build_document

            # as a 征求意见稿: a mutated text often holds a placeholder, and the final version refuses those
            document, _ = build_document(report, draft=True)
            document.save(io.BytesIO())
    except BaseException:  # noqa: B036
        return "failure", "after a successful read:\n" + traceback.format_exc()
    return "ok", ""


def _limit_memory() -> None:
    """A runaway allocation becomes a MemoryError (a reported failure), not the machine swapping."""
    try:
        import resource

        limit = 3 * 1024 ** 3
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass


def _worker(conn, scratch: str) -> None:
    _limit_memory()
    scratch_path = Path(scratch)
    (scratch_path / "用户").mkdir(parents=True, exist_ok=True)
    import app.importing.docx_source  # noqa: F401 - imported once here, not inside the first case's time
    import app.importing.html_source  # noqa: F401
    import app.importing.pdf_source  # noqa: F401

    while True:
        try:
            message = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if message is None:
            return
        index, target, data, name, export = message
        start = time.perf_counter()
        outcome, detail = run_case(target, data, name, scratch_path, export)
        conn.send((index, outcome, detail[:20000], time.perf_counter() - start))


# --- the pool ---------------------------------------------------------------------------------------

@dataclass
class Failure:
    case: Case
    kind: str  # failure (an exception), hang (over the time limit), died (the worker process ended)
    detail: str
    saved: Path

    def __str__(self) -> str:
        return (f"[{self.kind}] {self.case.target}({self.case.name!r}) — {self.case.how}\n"
                f"  input saved: {self.saved}\n  reproduce: {sys.executable} -m tests.fuzzing {self.saved}\n"
                + "\n".join("  " + line for line in self.detail.strip().splitlines()[-12:]))


@dataclass
class RunStats:
    outcomes: Counter = field(default_factory=Counter)  # (target, outcome) -> count
    messages: Counter = field(default_factory=Counter)  # refusal message (first 30 characters) -> count
    slowest: list = field(default_factory=list)  # (seconds, case description)
    results: dict = field(default_factory=dict)  # case index -> outcome
    cases: list = field(default_factory=list)  # every case run, by index
    seconds: float = 0.0

    def total(self) -> int:
        return sum(self.outcomes.values())

    def count(self, outcome: str) -> int:
        return sum(n for (_, o), n in self.outcomes.items() if o == outcome)

    def summary(self) -> str:
        lines = [f"{self.total()} inputs in {self.seconds:.1f} s: {self.count('ok')} read, "
                 f"{self.count('refused')} refused with a Chinese message"]
        for (target, outcome), n in sorted(self.outcomes.items()):
            lines.append(f"  {target:<13} {outcome:<8} {n}")
        lines.append("  slowest: " + "; ".join(f"{s:.2f} s {d}" for s, d in sorted(self.slowest, reverse=True)[:3]))
        return "\n".join(lines)


class Pool:
    """Worker processes running cases one at a time each; a case over ``time_limit`` seconds is a hang."""

    def __init__(self, scratch: Path, failures_dir: Path, workers: int | None = None, time_limit: float = 30.0):
        self.ctx = multiprocessing.get_context("spawn")  # the same on every OS; no fork of a threaded parent
        self.scratch, self.failures_dir, self.time_limit = scratch, failures_dir, time_limit
        self.size = workers or max(1, min(4, os.cpu_count() or 1))
        self.workers: list = [None] * self.size
        self.started = 0
        for slot in range(self.size):
            self._start(slot)

    def _start(self, slot: int) -> None:
        parent, child = self.ctx.Pipe()
        scratch = self.scratch / f"worker-{self.started}"
        self.started += 1
        proc = self.ctx.Process(target=_worker, args=(child, str(scratch)), daemon=True)
        proc.start()
        child.close()
        self.workers[slot] = [proc, parent, None, 0.0]  # process, connection, current case index, its start

    def _stop(self, slot: int) -> None:
        proc, conn = self.workers[slot][:2]
        proc.kill()
        proc.join(10)
        conn.close()

    def close(self) -> None:
        for slot, (proc, conn, _, _) in enumerate(self.workers):
            try:
                conn.send(None)
            except OSError:
                pass
            proc.join(5)
            if proc.is_alive():
                self._stop(slot)

    def _save(self, index: int, case: Case, kind: str, detail: str) -> Path:
        self.failures_dir.mkdir(parents=True, exist_ok=True)
        suffix = Path(case.name).suffix if case.target.startswith("import") else ".nianbao"
        path = self.failures_dir / f"{kind}-{case.target}-{index:05d}{suffix or '.bin'}"
        path.write_bytes(case.data)
        info = {"target": case.target, "name": case.name, "how": case.how, "export": case.export, "kind": kind,
                "detail": detail}
        path.with_name(path.name + ".json").write_text(json.dumps(info, ensure_ascii=False, indent=1),
                                                       encoding="utf-8")
        return path

    def run(self, source: Iterable[Case]) -> tuple[RunStats, list[Failure]]:
        stats, failures = RunStats(), []
        cases = stats.cases
        source = iter(source)
        todo: list = []  # cases handed back by a worker that could not take them

        def next_case():
            if todo:
                return todo.pop()
            case = next(source, None)
            if case is None:
                return None
            cases.append(case)
            return len(cases) - 1, case

        busy = 0
        began = time.perf_counter()

        def fail(index, kind, detail):
            case = cases[index]
            failures.append(Failure(case, kind, detail, self._save(index, case, kind, detail)))
            stats.outcomes[(case.target, kind)] += 1
            stats.results[index] = kind

        exhausted = False
        while not exhausted or todo or busy:
            for slot, worker in enumerate(self.workers):
                if worker[2] is None:
                    item = next_case()
                    if item is None:
                        exhausted = True
                        continue
                    index, case = item
                    try:
                        worker[1].send((index, case.target, case.data, case.name, case.export))
                    except OSError:  # the worker is gone: a fresh one takes the case
                        self._stop(slot)
                        self._start(slot)
                        todo.append((index, case))
                        continue
                    worker[2], worker[3] = index, time.monotonic()
                    busy += 1
            conns = {w[1]: slot for slot, w in enumerate(self.workers) if w[2] is not None}
            if not conns:  # every send failed and the workers were replaced: hand the cases out again
                continue
            deadline = min(w[3] for w in self.workers if w[2] is not None) + self.time_limit
            ready = wait(list(conns), timeout=max(0.0, deadline - time.monotonic()))
            for conn in ready:
                slot = conns[conn]
                index = self.workers[slot][2]
                try:
                    _, outcome, detail, seconds = conn.recv()
                except (EOFError, OSError):
                    self.workers[slot][0].join(5)
                    code = self.workers[slot][0].exitcode
                    fail(index, "died", f"the worker process ended (exit code {code}) while reading this input")
                    self._stop(slot)
                    self._start(slot)
                    busy -= 1
                    continue
                self.workers[slot][2] = None
                busy -= 1
                case = cases[index]
                if outcome == "failure":
                    fail(index, "failure", detail)
                    continue
                stats.outcomes[(case.target, outcome)] += 1
                stats.results[index] = outcome
                if outcome == "refused":
                    stats.messages[detail[:30]] += 1
                stats.slowest.append((seconds, f"{case.target}({case.name}) {case.how[:80]}"))
                stats.slowest = sorted(stats.slowest, reverse=True)[:5]
            now = time.monotonic()
            for slot, worker in enumerate(self.workers):
                if worker[2] is not None and now - worker[3] > self.time_limit:
                    fail(worker[2], "hang", f"still running after {self.time_limit:.0f} s; the worker was killed")
                    self._stop(slot)
                    self._start(slot)
                    busy -= 1
        stats.seconds = time.perf_counter() - began
        return stats, failures


def main(argv: list[str]) -> int:
    """Run one saved failure again, in this process, and print what happens."""
    if len(argv) != 1:
        print("usage: python -m tests.fuzzing FAILURE-FILE", file=sys.stderr)
        return 2
    path = Path(argv[0])
    info = json.loads(path.with_name(path.name + ".json").read_text(encoding="utf-8"))
    scratch = Path(os.environ.get("TMPDIR", "/tmp")) / "nianbao-fuzz-repro"
    (scratch / "用户").mkdir(parents=True, exist_ok=True)
    print(f"{info['target']}({info['name']!r}) — {info['how']}")
    start = time.perf_counter()
    outcome, detail = run_case(info["target"], path.read_bytes(), info["name"], scratch, info.get("export", False))
    print(f"{outcome} after {time.perf_counter() - start:.2f} s\n{detail}")
    return 0 if outcome != "failure" else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
