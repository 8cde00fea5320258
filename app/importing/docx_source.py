"""Word (.docx) as a source: body paragraphs and tables in document order, merged cells given once.

The package is checked before anything is parsed: a .docx is a zip, and a zip can declare gigabytes
behind a few kilobytes. Large declared sizes are refused; every entry is then inflated in small steps,
which stops an entry that holds more than it declares at its declared size. The XML is parsed by
python-docx, whose lxml parser does not resolve entities (``resolve_entities=False``) and loads no DTD;
this module parses nothing itself.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from ..limits import readers as limits
from .blocks import Grid, Para, ReportImportError, SourceDoc, check_block_count

MAX_UNCOMPRESSED = limits.WORD_TOTAL_BYTES
MAX_DOCUMENT_XML = limits.WORD_DOCUMENT_BYTES
MAX_ENTRIES = limits.WORD_MEMBERS

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = (f"{_W}{t}" for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent"))
_T, _TAB, _BR, _CR, _TXBX = (f"{_W}{t}" for t in ("t", "tab", "br", "cr", "txbxContent"))
_CUSTOM_XML = f"{_W}customXml"


def check_package(data: bytes) -> None:
    """Refuse what is not a readable .docx, cheaply, before python-docx loads every part into memory."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except Exception:  # BadZipFile, but also NotImplementedError for a "version needed" zipfile does not know, …
        raise ReportImportError("Word 文件已损坏（不是有效的 .docx 文件），请在 Word 或 WPS 中打开后重新保存") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_ENTRIES:
            raise ReportImportError(limits.refusal("Word 文件的部件数", len(infos), MAX_ENTRIES, "个"))
        names = {i.filename for i in infos}
        if "word/document.xml" not in names:
            if "xl/workbook.xml" in names:
                raise ReportImportError("这是 Excel 表格，不是 Word 文件；请导入年报的 Word、网页或 PDF 版本")
            if "ppt/presentation.xml" in names:
                raise ReportImportError("这是 PowerPoint 演示文稿，不是 Word 文件")
            if "OFD.xml" in names:
                raise ReportImportError("这是 OFD 版式文件，暂不支持；请用 PDF 或 Word 版本导入")
            raise ReportImportError("这是一个压缩包，不是 Word 文件（.docx）")
        if any(i.flag_bits & 0x1 for i in infos):
            raise ReportImportError("Word 文件已加密，无法读取；请先取消密码再导入")
        total = sum(i.file_size for i in infos)
        document = zf.getinfo("word/document.xml").file_size
        if total > MAX_UNCOMPRESSED:
            raise ReportImportError(limits.refusal("Word 文件解压后过大：全部部件", total >> 20, MAX_UNCOMPRESSED >> 20,
                                                   " MB"))
        if document > MAX_DOCUMENT_XML:
            raise ReportImportError(limits.refusal("Word 文件解压后过大：正文", document >> 20, MAX_DOCUMENT_XML >> 20,
                                                   " MB"))
        _check_entries(zf, infos)
        _check_document(zf.read("word/document.xml"))


def _check_document(xml: bytes) -> None:
    """The text part's elements, counted before lxml builds its tree (some 200 bytes an element). Entities need
    no check here: the parser never expands them (see the module doc)."""
    nodes = xml.count(b"<")
    if nodes > limits.WORD_XML_NODES:
        raise ReportImportError(limits.refusal("Word 正文的 XML 元素", nodes, limits.WORD_XML_NODES, "个"))


def _check_entries(zf: zipfile.ZipFile, infos) -> None:
    """Decompress every entry in small steps: an entry holding more than it declares is refused at its declared
    size. zipfile stops there too, but only after inflating the whole entry in one call when it is read whole,
    as python-docx does: a 2 MB file declaring small parts would take gigabytes of memory."""
    try:
        for info in infos:
            with zf.open(info) as entry:
                while entry.read(1 << 20):
                    pass
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError, ValueError):
        raise ReportImportError("Word 文件已损坏（压缩包内容有误），请在 Word 或 WPS 中打开后重新保存") from None


def read_docx(data: bytes) -> SourceDoc:
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ReportImportError(_ole_message(data))
    check_package(data)
    import docx  # python-docx: imported here so the other sources do not pay for it

    try:
        document = docx.Document(io.BytesIO(data))
    except ValueError as e:
        if "content type" in str(e):
            raise ReportImportError(
                "不支持的 Word 文件类型（可能是模板或带宏的文档），请另存为普通 .docx 后再导入") from None
        raise ReportImportError("Word 文件已损坏，无法读取；请在 Word 或 WPS 中打开后重新保存") from None
    except Exception:  # python-docx and lxml raise many kinds on a broken package
        raise ReportImportError("Word 文件已损坏，无法读取；请在 Word 或 WPS 中打开后重新保存") from None
    # a part python-docx accepted by its content type may still hold other XML than Word's
    root = document.element
    body = root.find(f"{_W}body") if root.tag == f"{_W}document" else None
    if body is None:
        raise ReportImportError("Word 文件已损坏（找不到正文），无法读取；请在 Word 或 WPS 中打开后重新保存")
    blocks, count = [], 0
    for block in _walk(body):
        blocks.append(block)
        count += len(block.rows) if isinstance(block, Grid) else 1
        check_block_count(count)
    return SourceDoc(blocks, "Word", wrapped=False, title_hint=_title(document))


def _title(document) -> str:
    """The document title from its properties; a damaged properties part only loses the hint."""
    try:
        return (document.core_properties.title or "").strip()
    except Exception:  # python-docx maps the part to its class by name; foreign XML lacks the accessors
        return ""


def _ole_message(data: bytes) -> str:
    if "EncryptedPackage".encode("utf-16-le") in data[:1 << 20] or b"EncryptedPackage" in data[:1 << 20]:
        return "Word 文件设置了打开密码，无法读取；请先取消密码再导入"
    return "这是旧版 Word（.doc）或 WPS 文件，请在 Word 或 WPS 中“另存为”.docx 后再导入"


def _walk(container):
    for child in container.iterchildren():
        tag = child.tag
        if tag == _P:
            yield Para(paragraph_text(child))
        elif tag == _TBL:
            yield from _table(child)
        elif tag in (_SDT, _CUSTOM_XML):
            content = child.find(_SDT_CONTENT) if tag == _SDT else child
            if content is not None:
                yield from _walk(content)


def paragraph_text(p) -> str:
    """The visible text of a paragraph; text boxes (seals, decorations) are left out."""
    parts: list[str] = []
    for el in p.iter(_T, _TAB, _BR, _CR):
        if next(el.iterancestors(_TXBX), None) is not None:
            continue
        if el.tag == _T:
            # an entity left unresolved (the parser never expands them) splits the text: keep the pieces
            parts.append((el.text or "") + "".join(child.tail or "" for child in el))
        elif el.tag == _TAB:
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def _cells(tr):
    for child in tr.iterchildren():
        if child.tag == _TC:
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from (c for c in content.iterchildren() if c.tag == _TC)


def _merge_continues(tc) -> bool:
    """A cell covered by the merged cell above (vMerge) or to its left (legacy hMerge)."""
    pr = tc.find(f"{_W}tcPr")
    if pr is None:
        return False
    for name in ("vMerge", "hMerge"):
        el = pr.find(f"{_W}{name}")
        if el is not None and el.get(f"{_W}val") in (None, "continue"):
            return True
    return False


def _table(tbl):
    rows = [list(_cells(tr)) for tr in tbl.iter(_TR) if _nearest_table(tr) is tbl]
    single = len(rows) == 1 and len(rows[0]) == 1  # a one-cell box around text is not a data table
    if single or any(tc.find(f".//{_TBL}") is not None for row in rows for tc in row):
        for row in rows:  # a layout table holding the report: read its cells as the document
            for tc in row:
                yield from _walk(tc)
        return
    grid = []
    for row in rows:
        grid.append(["\n".join(paragraph_text(p) for p in tc.iter(_P)).strip() for tc in row
                     if not _merge_continues(tc)])
    yield Grid(grid)


def _nearest_table(el):
    for a in el.iterancestors(_TBL):
        return a
    return None
