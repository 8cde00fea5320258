"""A saved web page (.html, or .mht/.mhtml web archive) as a source.

Parsed with the standard library's ``html.parser``, which knows only HTML's own character
references: no DTD, no external entities. A small tolerant tree builder closes the cells, rows and
paragraphs that pages leave open. Tables that hold other tables (page layout) are read as text;
the innermost tables are the data tables. Nesting is capped, so a hostile page cannot exhaust the stack.
"""

from __future__ import annotations

import email
import email.policy
import re
from html.parser import HTMLParser

from ..limits import readers as limits
from .blocks import MAX_TEXT_CHARS, Grid, Para, ReportImportError, SourceDoc, check_block_count

MAX_DEPTH = limits.HTML_DEPTH
MAX_TAGS = limits.HTML_TAGS
MAX_REFS = limits.HTML_REFS
_MULTIPART = re.compile(rb"^content-type:[ \t]*multipart/", re.I | re.M)
_DELIMITER = re.compile(rb"^--", re.M)
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_SKIP = {"script", "style", "noscript", "template", "select", "button", "svg", "iframe", "object"}
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "header",
          "footer", "nav", "main", "aside", "blockquote", "pre", "center", "dl", "dt", "dd", "form", "hr",
          "address", "figure", "figcaption", "caption", "body", "html", "table", "tr", "td", "th", "br"}
_CELL_CLOSERS = {"td", "th"}
_ROW_SCOPE = {"table", "tbody", "thead", "tfoot"}


class _Node:
    __slots__ = ("tag", "attrs", "children", "parent")

    def __init__(self, tag: str, attrs: dict, parent: _Node | None):
        self.tag, self.attrs, self.children, self.parent = tag, attrs, [], parent


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", {}, None)
        self.stack: list[_Node] = [self.root]
        self.title = ""
        self._in_title = False
        self._skip_tag = ""  # an element being skipped (script, style, hidden …) and how deep in it we are
        self._skip = 0

    def _close_to(self, tags: set[str], stop: set[str]) -> None:
        """Close open elements down to and including the nearest one in ``tags``, not crossing ``stop``."""
        for i in range(len(self.stack) - 1, 0, -1):
            tag = self.stack[i].tag
            if tag in tags:
                del self.stack[i:]
                return
            if tag in stop:
                return

    def handle_starttag(self, tag, attrs):
        if self._skip:
            if tag == self._skip_tag:
                self._skip += 1
            return
        if tag == "title":
            self._in_title = True
            return
        attrs = {k: (v or "") for k, v in attrs}
        hidden = re.search(r"display\s*:\s*none", attrs.get("style", ""), re.I) or "hidden" in attrs
        if tag in _SKIP or hidden:
            if tag not in _VOID:
                self._skip_tag, self._skip = tag, 1
            return
        if tag in _CELL_CLOSERS:
            self._close_to(_CELL_CLOSERS, {"tr", "table"})
        elif tag == "tr":
            self._close_to({"tr"}, _ROW_SCOPE)
        elif tag in ("tbody", "thead", "tfoot"):
            self._close_to({"tbody", "thead", "tfoot"}, {"table"})
        elif tag in ("p", "li"):
            self._close_to({tag}, {"td", "th", "table", "div", "ul", "ol"})
        node = _Node(tag, attrs, self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in _VOID and len(self.stack) < MAX_DEPTH:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if self._skip:
            if tag == self._skip_tag:
                self._skip -= 1
            return
        if tag == "title":
            self._in_title = False
            return
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return
            if tag in ("td", "th", "tr") and self.stack[i].tag == "table":
                return

    def handle_data(self, data):
        if self._in_title:
            self.title += data
            return
        if self._skip:
            return
        self.stack[-1].children.append(data)


def decode_html(data: bytes) -> str:
    """The page's text. Bytes that are valid UTF-8 are UTF-8, whatever the page declares: a browser saving a
    GBK page often re-encodes it as UTF-8 but keeps the old declaration, and GBK text is never valid UTF-8."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    m = re.search(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", data[:4096])
    charset = m.group(1).decode("ascii").lower() if m else "gb18030"
    if charset in ("gb2312", "gbk", "x-gbk", "cp936", "utf-8", "utf8"):
        charset = "gb18030"  # GBK's superset; a page that says UTF-8 but is not is GBK in practice
    try:
        return data.decode(charset, errors="replace")
    except LookupError:
        return data.decode("gb18030", errors="replace")


def is_mhtml(data: bytes) -> bool:
    head = data[:4096].lower()
    return b"mime-version" in head and b"multipart/related" in head


def html_from_mhtml(data: bytes) -> str:
    """The page inside a web archive (.mht/.mhtml): its first text/html part.

    Parts and nesting are counted before the email parser sees them: it recurses once a level (a few thousand
    levels raise RecursionError) and builds an object a part (300,000 parts never finished)."""
    nested = len(_MULTIPART.findall(data))
    if nested > limits.MHT_DEPTH:
        raise ReportImportError(limits.refusal("网页存档中嵌套的分段", nested, limits.MHT_DEPTH, "层"))
    parts = len(_DELIMITER.findall(data))
    if parts > limits.MHT_PARTS:
        raise ReportImportError(limits.refusal("网页存档的分段数", parts, limits.MHT_PARTS, "个"))
    try:
        msg = email.message_from_bytes(data, policy=email.policy.default)
        return _first_page(msg)
    except RecursionError:  # pragma: no cover - the nesting is bounded above; kept as the last guard
        raise ReportImportError(limits.refusal("网页存档中嵌套的分段", "过多", limits.MHT_DEPTH, "层")) from None


def _first_page(msg) -> str:
    for part in msg.walk():
        if part.get_content_type() == "text/html":
            try:
                return part.get_content()
            except (LookupError, UnicodeError, ValueError):
                payload = part.get_payload(decode=True) or b""
                return decode_html(payload)
    raise ReportImportError("网页存档（.mht）中没有找到网页内容")


def read_html(data: bytes) -> SourceDoc:
    text = html_from_mhtml(data) if is_mhtml(data) else decode_html(data)
    return from_html(text)


def from_html(text: str) -> SourceDoc:
    if not text.strip():
        raise ReportImportError("网页是空的，没有可导入的内容")
    # no length limit here (a page saved as one file carries its images inline), but one on markup:
    # html.parser takes some 20 µs a tag and 1 µs a character reference, and a report page has a few thousand
    tags, refs = text.count("<"), text.count("&")
    if tags > MAX_TAGS:
        raise ReportImportError(limits.refusal("网页的标记过多：标记", tags, MAX_TAGS, "个"))
    if refs > MAX_REFS:
        raise ReportImportError(limits.refusal("网页的标记过多：字符引用", refs, MAX_REFS, "个"))
    builder = _Builder()
    try:
        builder.feed(_close_tail(text))
        builder.close()
    except Exception:  # html.parser is lenient; anything it still rejects is not a page we can read
        raise ReportImportError("网页内容无法解析") from None
    blocks: list = []
    _Walker(blocks).walk(builder.root)
    check_block_count(sum(len(b.rows) if isinstance(b, Grid) else 1 for b in blocks))
    size = sum(len(b.text) if isinstance(b, Para) else sum(len(c) for row in b.rows for c in row) for b in blocks)
    if not size:
        raise ReportImportError("网页中没有可导入的文字")
    if size > MAX_TEXT_CHARS:
        raise ReportImportError(f"网页的文字过长（{size} 个字符），不像是一份年报")
    return SourceDoc(blocks, "网页", wrapped=False, title_hint=" ".join(builder.title.split()))


def _close_tail(text: str) -> str:
    """The page with every '<' after its last '>' written as text.

    No tag, comment or CDATA section can end there, and html.parser (before Python 3.13.4) retries each such
    '<' against the whole rest of the page when it is closed: 20,000 "<a " after the last '>' took 35 s,
    quadratic in their number. They are text to a browser too, so nothing a page shows is lost."""
    last = text.rfind(">")
    tail = text[last + 1:]
    return text if "<" not in tail else text[:last + 1] + tail.replace("<", "&lt;")


def _text_of(node: _Node) -> str:
    """A cell's text: line breaks at <br> and block elements, other whitespace collapsed."""
    out: list[str] = []
    todo: list = [node]
    while todo:
        item = todo.pop()
        if isinstance(item, str):
            out.append(re.sub(r"[ \t\r\n\f]+", " ", item))
            continue
        if item.tag in _BLOCK and item is not node:
            out.append("\n")
        todo.extend(reversed(item.children))
    return "\n".join(line.strip() for line in "".join(out).split("\n") if line.strip())


def _rows(table: _Node) -> list[_Node]:
    rows: list[_Node] = []
    todo = list(reversed(table.children))
    while todo:
        item = todo.pop()
        if isinstance(item, str) or item.tag == "table":
            continue
        if item.tag == "tr":
            rows.append(item)
        else:
            todo.extend(reversed(item.children))
    return rows


def _contains_table(node: _Node) -> bool:
    todo = list(node.children)
    while todo:
        item = todo.pop()
        if isinstance(item, _Node):
            if item.tag == "table":
                return True
            todo.extend(item.children)
    return False


_FLUSH = object()  # end of a block element, in the walker's to-do list


class _Walker:
    def __init__(self, blocks: list):
        self.blocks = blocks
        self.line: list[str] = []

    def flush(self) -> None:
        text = re.sub(r"[ \t\r\n\f]+", " ", "".join(self.line)).strip()
        if text:
            self.blocks.append(Para(text))
        self.line = []

    def walk(self, root: _Node) -> None:
        todo: list = [root]
        while todo:
            item = todo.pop()
            if item is _FLUSH:
                self.flush()
                continue
            if isinstance(item, str):
                self.line.append(item)
                continue
            if item.tag == "table" and self._is_data_table(item):
                self.flush()
                rows = [[_text_of(c) for c in r.children if isinstance(c, _Node) and c.tag in ("td", "th")]
                        for r in _rows(item)]
                self.blocks.append(Grid([r for r in rows if r]))
                continue
            if item.tag in _BLOCK:
                self.flush()
                todo.append(_FLUSH)
            todo.extend(reversed(item.children))

    @staticmethod
    def _is_data_table(table: _Node) -> bool:
        if _contains_table(table):
            return False  # page layout: its cells hold the content
        rows = _rows(table)
        cells = [c for r in rows for c in r.children if isinstance(c, _Node) and c.tag in ("td", "th")]
        if len(cells) <= 1:
            return False
        widest = max(sum(1 for c in r.children if isinstance(c, _Node) and c.tag in ("td", "th")) for r in rows)
        return not (widest <= 2 and any(len(_text_of(c)) > 200 for c in cells))
