"""Raw WordprocessingML helpers for the Word export: what python-docx does not do for us.

East Asian font names (``w:eastAsia``), PAGE fields, borders, the document grid, repeated header
rows, ``cantSplit``, ``gridSpan``/``vMerge`` and the font table all live here, so the exporter reads
as layout decisions and this module as XML. Word and WPS reject or silently repair elements out of
schema order, so every element is inserted at its place in the ECMA-376 sequence (the ``*_ORDER``
tuples below), as python-docx's own ``oxml`` classes do.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape

from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement

# --- schema order (ECMA-376 Part 1, §17) ----------------------------------------------------------

PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
    "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
    "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
)
RPR_ORDER = (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow",
    "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern",
    "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs",
    "em", "lang", "eastAsianLayout", "specVanish", "oMath",
)
SECTPR_ORDER = (
    "headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc",
    "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg",
    "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange",
)
TBLPR_ORDER = (
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW",
    "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
)
TCPR_ORDER = (
    "cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar", "textDirection",
    "tcFitText", "vAlign", "hideMark",
)
STYLE_ORDER = (
    "name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority", "semiHidden",
    "unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose", "personalReply", "rsid", "pPr", "rPr",
    "tblPr", "trPr", "tcPr", "tblStylePr",
)
STYLES_ORDER = ("docDefaults", "latentStyles", "style")

BORDER_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")


def el(tag: str, attrs: dict[str, str | int] | None = None, children: Iterable = ()):
    """``el("w:sz", {"w:val": 32})``: one element with prefixed attribute names, values made strings."""
    node = OxmlElement(tag, {qn(k): str(v) for k, v in (attrs or {}).items()})
    for child in children:
        if child is not None:
            node.append(child)
    return node


def val(tag: str, value: str | int):
    return el(tag, {"w:val": value})


def insert_ordered(parent, child, order: Sequence[str]):
    """Put ``child`` where the schema wants it among ``parent``'s children, replacing one of the same tag."""
    local = child.tag.rpartition("}")[2]
    for old in parent.findall(qn(f"w:{local}")):
        parent.remove(old)
    later = set(order[order.index(local) + 1:])
    for i, sibling in enumerate(parent):
        if sibling.tag.rpartition("}")[2] in later:
            parent.insert(i, child)
            return child
    parent.append(child)
    return child


def ordered(tag: str, children: Iterable, order: Sequence[str], attrs: dict | None = None):
    """A container element whose children are sorted into schema order (stable for repeats)."""
    rank = {name: i for i, name in enumerate(order)}
    kids = [c for c in children if c is not None]
    kids.sort(key=lambda c: rank[c.tag.rpartition("}")[2]])
    return el(tag, attrs, kids)


# --- run properties ---------------------------------------------------------------------------------

def fonts(east_asia: str, latin: str, hint_east_asia: bool = True):
    """``w:rFonts`` naming the East Asian font where Word and WPS read it, and a Latin font for digits.

    ``w:hint="eastAsia"`` makes Word draw ambiguous-width characters (“”、—) with the Chinese font,
    as Chinese Word itself writes; without it the curly quotes come out narrow in Times New Roman.
    """
    attrs = {"w:ascii": latin, "w:hAnsi": latin, "w:eastAsia": east_asia, "w:cs": latin}
    if hint_east_asia:
        attrs["w:hint"] = "eastAsia"
    return el("w:rFonts", attrs)


def rpr(east_asia: str | None = None, latin: str | None = None, half_points: int | None = None, *,
        bold: bool | None = None, color: str | None = None, lang: bool = False, kern: int | None = None,
        spacing: int | None = None, scale: int = 100):
    """A ``w:rPr`` in schema order. ``half_points`` is the size in half points (3号 = 16 pt = 32);
    ``spacing`` is the character spacing in twips (negative condenses); ``scale`` the width in % (字符缩放)."""
    kids = []
    if east_asia or latin:
        kids.append(fonts(east_asia or latin or "", latin or east_asia or ""))
    if bold is not None:
        kids += [val("w:b", int(bold)), val("w:bCs", int(bold))]
    if color:
        kids.append(val("w:color", color))
    if spacing is not None:
        kids.append(val("w:spacing", spacing))
    if scale != 100:
        kids.append(val("w:w", scale))
    if kern is not None:
        kids.append(val("w:kern", kern))
    if half_points:
        kids += [val("w:sz", half_points), val("w:szCs", half_points)]
    if lang:
        kids.append(el("w:lang", {"w:val": "en-US", "w:eastAsia": "zh-CN", "w:bidi": "ar-SA"}))
    return ordered("w:rPr", kids, RPR_ORDER)


XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _text(tag: str, text: str):
    node = el(tag)
    node.text = text
    if text != text.strip():
        node.set(XML_SPACE, "preserve")
    return node


def run(text: str, run_props=None):
    """A ``w:r`` holding ``text``; tabs become ``w:tab`` (Word stores them as elements, not characters)."""
    r = el("w:r")
    if run_props is not None:
        r.append(run_props)
    for i, piece in enumerate(text.split("\t")):
        if i:
            r.append(el("w:tab"))
        if piece:
            r.append(_text("w:t", piece))
    return r


def line_break(run_props=None):
    r = el("w:r")
    if run_props is not None:
        r.append(run_props)
    r.append(el("w:br"))
    return r


def page_field_runs(make_rpr) -> list:
    """The runs of a PAGE field, with "1" as the stored result so readers that never update fields show a number.

    ``make_rpr`` is called for each run: an element may have only one parent.
    """
    pieces = [
        el("w:fldChar", {"w:fldCharType": "begin"}),
        _text("w:instrText", " PAGE "),
        el("w:fldChar", {"w:fldCharType": "separate"}),
        _text("w:t", "1"),
        el("w:fldChar", {"w:fldCharType": "end"}),
    ]
    return [el("w:r", None, [make_rpr(), piece]) for piece in pieces]


# --- paragraph properties ----------------------------------------------------------------------------

def ppr(*, style: str | None = None, keep_next: bool = False, keep_lines: bool = False,
        widow_control: bool | None = None, snap_to_grid: bool | None = None,
        before: int | None = None, after: int | None = None, line: int | None = None, line_rule: str = "exact",
        first_line_chars: int | None = None, first_line: int | None = None,
        left: int | None = None, right: int | None = None, right_chars: int | None = None,
        jc: str | None = None, outline: int | None = None, run_props=None):
    """A ``w:pPr`` in schema order. Lengths in twips; ``*_chars`` in hundredths of a character (200 = 二字)."""
    kids = []
    if style:
        kids.append(val("w:pStyle", style))
    if keep_next:
        kids.append(el("w:keepNext"))
    if keep_lines:
        kids.append(el("w:keepLines"))
    if widow_control is not None:
        kids.append(val("w:widowControl", int(widow_control)))
    if snap_to_grid is not None:
        kids.append(val("w:snapToGrid", int(snap_to_grid)))
    spacing = {}
    if before is not None:
        spacing["w:before"] = before
    if after is not None:
        spacing["w:after"] = after
    if line is not None:
        spacing["w:line"] = line
        spacing["w:lineRule"] = line_rule
    if spacing:
        kids.append(el("w:spacing", spacing))
    ind = {}
    if left is not None:
        ind["w:left"] = left
    if right_chars is not None:
        ind["w:rightChars"] = right_chars
    if right is not None:
        ind["w:right"] = right
    if first_line_chars is not None:
        ind["w:firstLineChars"] = first_line_chars
    if first_line is not None:
        ind["w:firstLine"] = first_line
    if ind:
        kids.append(el("w:ind", ind))
    if jc:
        kids.append(val("w:jc", jc))
    if outline is not None:
        kids.append(val("w:outlineLvl", outline))
    if run_props is not None:
        kids.append(run_props)
    return ordered("w:pPr", kids, PPR_ORDER)


def paragraph(props=None, runs: Iterable = ()):
    p = el("w:p")
    if props is not None:
        p.append(props)
    for r in runs:
        p.append(r)
    return p


# --- styles -------------------------------------------------------------------------------------------

def style(style_id: str, name: str, *, kind: str = "paragraph", based_on: str | None = None,
          next_style: str | None = None, default: bool = False, ui_priority: int | None = None,
          qformat: bool = False, paragraph_props=None, run_props=None, table_props=None):
    attrs = {"w:type": kind, "w:styleId": style_id}
    if default:
        attrs["w:default"] = 1
    kids = [val("w:name", name)]
    if based_on:
        kids.append(val("w:basedOn", based_on))
    if next_style:
        kids.append(val("w:next", next_style))
    if ui_priority is not None:
        kids.append(val("w:uiPriority", ui_priority))
    if qformat:
        kids.append(el("w:qFormat"))
    kids += [paragraph_props, run_props, table_props]
    return ordered("w:style", kids, STYLE_ORDER, attrs)


def doc_defaults(run_props, paragraph_props):
    return el("w:docDefaults", None, [
        el("w:rPrDefault", None, [run_props]),
        el("w:pPrDefault", None, [paragraph_props]),
    ])


def replace_styles(styles_root, defaults, styles: Iterable) -> None:
    """Swap the template's defaults and styles for ours; the latent-style table stays (Word wants it)."""
    for node in list(styles_root):
        if node.tag in (qn("w:docDefaults"), qn("w:style")):
            styles_root.remove(node)
    insert_ordered(styles_root, defaults, STYLES_ORDER)
    for s in styles:
        styles_root.append(s)


# --- section ---------------------------------------------------------------------------------------------

def set_doc_grid(sect_pr, line_pitch: int, char_space: int | None = None) -> None:
    """The 文档网格 (Word: 页面设置 → 文档网格): lines per page, and characters per line when ``char_space`` is set.

    ``char_space`` is the difference between the grid's character pitch and the default font size,
    in 1/4096 pt, as Word writes it.
    """
    attrs: dict[str, str | int] = {"w:type": "linesAndChars" if char_space is not None else "lines",
                                   "w:linePitch": line_pitch}
    if char_space is not None:
        attrs["w:charSpace"] = char_space
    insert_ordered(sect_pr, el("w:docGrid", attrs), SECTPR_ORDER)


# --- tables ---------------------------------------------------------------------------------------------

def borders(tag: str, size_eighths: int = 4, sides: Sequence[str] = BORDER_SIDES, color: str = "000000"):
    """Single black lines on every side (``size_eighths`` in 1/8 pt: 4 = 0.5 pt)."""
    return el(tag, None, [el(f"w:{side}", {"w:val": "single", "w:sz": size_eighths, "w:space": 0,
                                           "w:color": color}) for side in sides])


def table(grid_widths: Sequence[int], rows: Iterable, *, cell_margin: int = 57, border_size: int = 4,
          style_id: str | None = None):
    """A fixed-layout, centred, fully bordered table as wide as its grid (widths in twips)."""
    total = sum(grid_widths)
    props = [
        val("w:tblStyle", style_id) if style_id else None,
        el("w:tblW", {"w:w": total, "w:type": "dxa"}),
        val("w:jc", "center"),
        el("w:tblInd", {"w:w": 0, "w:type": "dxa"}),
        borders("w:tblBorders", border_size),
        el("w:tblLayout", {"w:type": "fixed"}),
        el("w:tblCellMar", None, [el(f"w:{side}", {"w:w": w, "w:type": "dxa"})
                                  for side, w in (("top", 0), ("left", cell_margin), ("bottom", 0),
                                                  ("right", cell_margin))]),
        el("w:tblLook", {"w:val": "0000", "w:firstRow": 0, "w:lastRow": 0, "w:firstColumn": 0,
                         "w:lastColumn": 0, "w:noHBand": 1, "w:noVBand": 1}),
    ]
    tbl = el("w:tbl", None, [
        ordered("w:tblPr", props, TBLPR_ORDER),
        el("w:tblGrid", None, [el("w:gridCol", {"w:w": w}) for w in grid_widths]),
    ])
    for row in rows:
        tbl.append(row)
    return tbl


def table_row(cells: Iterable, *, cant_split: bool = True, header: bool = False, min_height: int | None = None):
    """A ``w:tr``: ``cant_split`` keeps the row on one page; ``header`` repeats it at the top of each page."""
    props = []
    if cant_split:
        props.append(el("w:cantSplit"))
    if min_height:
        props.append(el("w:trHeight", {"w:val": min_height, "w:hRule": "atLeast"}))
    if header:
        props.append(el("w:tblHeader"))
    tr = el("w:tr")
    if props:
        tr.append(el("w:trPr", None, props))
    for c in cells:
        tr.append(c)
    return tr


def table_cell(width: int, paragraphs: Sequence, *, grid_span: int = 1, v_merge: str | None = None,
               v_align: str = "center", vertical_text: bool = False, no_wrap: bool = False):
    """A ``w:tc``. ``v_merge`` is "restart" on the first row of a vertical merge, "continue" below it;
    ``no_wrap`` keeps the cell's text on one line.

    A continuing cell still needs one (empty) paragraph: Word refuses a ``w:tc`` without one.
    """
    props = [el("w:tcW", {"w:w": width, "w:type": "dxa"})]
    if grid_span > 1:
        props.append(val("w:gridSpan", grid_span))
    if v_merge == "restart":
        props.append(val("w:vMerge", "restart"))
    elif v_merge == "continue":
        props.append(el("w:vMerge"))  # no w:val means "continue"
    if no_wrap:
        props.append(el("w:noWrap"))
    if vertical_text:
        props.append(val("w:textDirection", "tbRlV"))
    props.append(val("w:vAlign", v_align))
    tc = el("w:tc", None, [ordered("w:tcPr", props, TCPR_ORDER)])
    for p in paragraphs or [paragraph()]:
        tc.append(p)
    return tc


# --- font table -------------------------------------------------------------------------------------------

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def font_table_xml(entries: Iterable[dict]) -> bytes:
    """The ``word/fontTable.xml`` part: each font with its fallback name, panose, charset and family.

    Word and WPS use ``w:altName`` and the panose/charset/family description to pick a substitute
    on a machine that lacks the font (e.g. 仿宋 for 仿宋_GB2312), instead of falling back to a Latin font.
    """
    parts = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="{_W_NS}">']
    for e in entries:
        parts.append(f'<w:font w:name="{escape(e["name"], {chr(34): "&quot;"})}">')
        if e.get("alt"):
            parts.append(f'<w:altName w:val="{escape(e["alt"], {chr(34): "&quot;"})}"/>')
        parts.append(f'<w:panose1 w:val="{e["panose"]}"/>')
        parts.append(f'<w:charset w:val="{e["charset"]}"/>')
        parts.append(f'<w:family w:val="{e["family"]}"/>')
        parts.append(f'<w:pitch w:val="{e["pitch"]}"/>')
        parts.append("</w:font>")
    parts.append("</w:fonts>")
    return "".join(parts).encode("utf-8")
