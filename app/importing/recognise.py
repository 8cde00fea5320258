"""Finding the report in a source's blocks: sections, title, body, year, 落款, date, texts and tables.

Everything is found by its words, taken from the format definition: the six section titles, the
part labels of 总体情况, the tables' row and column labels. Decisions (documented for the officer
in the import log):
- Body name: the name in the title (“洪泽区人民政府2023年…” -> 洪泽区人民政府). Without a title, the
  落款 shortened to its last administrative level for a 人民政府 or 街道办事处 (“哈密市伊州区天山乡人民政府”
  -> 天山乡人民政府); any other 落款 is taken whole. The 落款 itself is kept as printed.
- Year: from the title; else from the statistics period (统计期限); else the year before the date.
- Scope: inferred by ``variants.infer_scope`` (“汇总” in the title or 前言, “全市各级行政机关”, “综合…各县…各部门…
  编制而成”, or a 人民政府's “全市共受理…N件”), for the officer to confirm; a passing 全区/全市 does not count.
- Sections are found by their words, whatever their number (a skipped section renumbers the rest; some
  reports number the tables 一、二、三 again after the text); the log says so.
- 总体情况 is split at （一）…（五） headings by their words (主动公开, 依申请公开, 政府信息管理, 平台建设,
  监督保障), not by their numbers; the heading's text is left out, its wording kept in ``Report.headings``
  when it differs from the format's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..formatdef import ReportFormat, load_format
from ..report import Report, guess_body_kind
from . import legacy, variants
from .blocks import Grid, Para, ReportImportError, SourceDoc
from .outline import (  # noqa: F401  (parse_date, short_body_name: the importer's public helpers)
    Ending,
    Title,
    compact,
    find_ending,
    find_headings,
    find_title,
    parse_date,
    short_body_name,
    split_overall,
)
from .result import ImportResult
from .tables import (
    Stream,
    TablesRead,
    Token,
    header_missing,
    norm_label,
    put_rows,
    read_review,
    read_rows,
    tokens_from_line,
    tokens_from_rows,
)
from .text_source import full_width_of, rejoin, restore_fullwidth

_STATS_YEAR = re.compile(r"统计(?:期限|时限|时间|区间|范围)[^。]{0,12}?(\d{4})年")
# a web page's article header between the title and the text (发布时间：… 来源：… 【字体：大 中 小】)
_PAGE_INFO = re.compile(r"^\s*(?:发布(?:时间|日期)|来源|信息来源|发布机构|浏览次数|点击(?:数|量)?|字号|索引号|"
                        r"【|\[|分享到|打印|关闭)")

# --- the whole document -----------------------------------------------------------------------------

@dataclass
class _Regions:
    front: list = field(default_factory=list)
    by_section: dict[str, list] = field(default_factory=dict)


def _tokens(blocks: list) -> list[Token]:
    out: list[Token] = []
    for b in blocks:
        if isinstance(b, Grid):
            out += tokens_from_rows(b.rows)
        else:
            out += tokens_from_line(b.text)
    return out


def _split_stream_at(tokens: list[Token], landmarks: list[str]) -> tuple[list[Token], list[Token]]:
    """Split where a landmark label first appears (used when a table's section heading is missing)."""
    marks = [norm_label(m) for m in landmarks]
    for i, tok in enumerate(tokens):
        if tok.kind == "text" and any(m in norm_label(tok.text) for m in marks):
            return tokens[:i], tokens[i:]
    return tokens, []


def recognise(doc: SourceDoc) -> ImportResult:
    fmt = load_format()
    blocks = doc.blocks
    log: list[str] = list(doc.notes)
    headings = find_headings(fmt, blocks)
    order = sorted(headings.values(), key=lambda h: h.block)
    log += [line for h in order for line in h.log_lines(fmt.section(h.section).title)]
    table_ids = ("active", "applications", "review_litigation")
    text_blocks = [h.block for h in order if h.section not in table_ids]
    if text_blocks and any(h.block > max(text_blocks) for h in order if h.section in table_ids):
        log.append("原报告的表格排在正文之后（附件形式），已按表格的标题归入“二、”“三、”“四、”")

    regions = _Regions(front=blocks[: order[0].block] if order else list(blocks))
    for k, h in enumerate(order):
        end = order[k + 1].block if k + 1 < len(order) else len(blocks)
        region = blocks[h.block + 1: end]
        if h.rest:
            region = [Para(h.rest)] + region
        regions.by_section[h.section] = region

    if "overall" in regions.by_section and not any(t in regions.by_section for t in table_ids):
        grids = [b for b in regions.by_section["overall"] if isinstance(b, Grid)]
        if grids:  # tables without their section headings (the heading sits inside the table, say)
            regions.by_section["overall"] = [b for b in regions.by_section["overall"] if not isinstance(b, Grid)]
            regions.by_section["active"] = grids
            log.append("没有找到表格前的“二、”“三、”“四、”标题，按表格中的栏目名称识别三张表")

    width = None
    if doc.wrapped:  # the page width, from prose only: table rows are long lines of other lengths
        prose = regions.front + [b for sec, region in regions.by_section.items() if sec not in table_ids
                                 for b in region]
        width = full_width_of([b.text for b in prose if isinstance(b, Para)], min_lines=3, min_share=0)

    def paragraphs(region: list) -> list[str]:
        paras = [b for b in region if isinstance(b, Para)]
        texts = rejoin(paras, width) if doc.wrapped else [b.text.strip() for b in paras if b.text.strip()]
        return [t for t in texts if t]

    # title and preamble
    title = find_title(blocks, order[0].block if order else len(blocks), doc.title_hint)
    if title is not None and title.last_block >= 0:
        preamble_blocks = blocks[title.last_block + 1: order[0].block if order else len(blocks)]
    else:
        front = [b for b in regions.front if isinstance(b, Para)]
        first = next((i for i, b in enumerate(front) if "本报告" in b.text), None)
        preamble_blocks = front[first:] if first is not None else []

    texts: dict[str, str] = {}
    own_headings: dict[str, str] = {}
    found: dict[str, str] = {}  # section id -> what the log says was found
    missing: list[str] = []
    conversions = 0

    def put_text(key: str, paras: list[str]) -> None:
        nonlocal conversions
        fixed = [restore_fullwidth(p) for p in paras]
        conversions += sum(a != b for a, b in zip(fixed, paras, strict=True))
        text = "\n".join(p.strip() for p in fixed if p.strip())
        if text:
            texts[key] = text

    preamble = [p for p in paragraphs(preamble_blocks) if not _PAGE_INFO.match(p)]
    if preamble:
        put_text("preamble.body", preamble)

    ending = _cut_ending(regions, order, log)

    for section in fmt.sections:
        if section.kind != "text" or section.id == "preamble":
            continue
        if section.id not in regions.by_section:
            missing.append(section.title)
            continue
        region = regions.by_section[section.id]
        if any(isinstance(b, Grid) for b in region):
            log.append(f"“{section.title}”中有表格，表格内容未导入")
        paras = paragraphs(region)
        if section.id == "overall":
            parts, seen, printed = split_overall(fmt, paras)
            for part_id, ps in parts.items():
                put_text(f"overall.{part_id}", ps)
            own_headings = {f"overall.{part_id}": text for part_id, text in printed.items()}
            if own_headings:
                log.append("小标题保留原报告的写法：" + "、".join(own_headings.values()))
            names = [p.heading for p in section.parts if p.id in seen]
            lacking = [p.heading for p in section.parts if p.heading and p.id not in seen]
            detail = f"（分出{'、'.join(names)}）" if names else "（未分出小标题，全部放在概述中）"
            found[section.id] = section.title + detail
            if names and lacking:
                log.append(f"“一、总体情况”中没有找到{'、'.join(lacking)}的小标题，这些部分为空")
        else:
            put_text(f"{section.id}.body", paras)
            found[section.id] = section.title
    if conversions:
        log.append(f"正文中的半角标点（, ; : ( ) 等）已改为全角，共{conversions}段")

    # tables
    tables = read_tables(fmt, regions.by_section, log)
    for sec in ("active", "applications", "review_litigation"):
        if sec in regions.by_section:
            found[sec] = fmt.section(sec).title

    if not headings and not tables.values:
        raise ReportImportError("没有识别出年报的内容：既没有找到“一、总体情况”等六个部分的标题，"
                                "也没有读到三张表格中的数字。请确认这是一份政府信息公开工作年度报告")

    report = Report()
    scope_text = (title.text if title else "") + "".join(compact(b.text) for b in preamble_blocks
                                                           if isinstance(b, Para))
    narrative = "\n".join(compact(texts[k]) for k in fmt.section("overall").text_keys() if k in texts)
    scope = _set_body(report, title, ending, texts, (scope_text, narrative), log)
    for key, text in texts.items():
        report.set_text(key, text)
    report.headings.update(own_headings)
    for ref, text in tables.values.items():
        report.set_cell(ref, text)

    log.insert(1 if title is not None and title.name else 0,
               "找到：" + ("；".join(found[s.id] for s in fmt.sections if s.id in found) or "无"))
    if missing:
        log.append("没有找到：" + "、".join(missing))
    log += _unread_lines(fmt, tables)
    return ImportResult(report=report, log=log, legacy_2019=tables.legacy_2019, unread=dict(tables.unread),
                        source_kind=doc.kind, scope_evidence=scope.evidence)


def _cut_ending(regions: _Regions, order: list, log: list[str]) -> Ending:
    """Take the 落款 and the date (and anything after them) off the end of the last text section (in reading
    order: the tables may come after the text)."""
    last_text = next((h.section for h in reversed(order) if h.section in ("other", "problems", "overall")), None)
    if last_text is None:
        return Ending()
    region = regions.by_section[last_text]
    ending = find_ending([b.text for b in region if isinstance(b, Para)])
    if ending.date or ending.signature:
        kept, paras_seen = [], 0
        for b in region:
            if isinstance(b, Para):
                if paras_seen == ending.keep:
                    break
                paras_seen += 1
            kept.append(b)
        regions.by_section[last_text] = kept
    if ending.dropped:
        log.append(f"成文日期之后还有{ending.dropped}段内容（如网页页脚），未导入")
    return ending


def _set_body(report: Report, title: Title | None, ending: Ending, texts: dict[str, str],
              scope_text: tuple[str, str], log: list[str]) -> variants.ScopeGuess:
    """Name, kind, scope, year, 落款 and date, each with a line in the log saying where it came from."""
    if title is not None and title.name:
        name = title.name
        log.insert(0, title.log_line())
    elif ending.signature:
        name = short_body_name(ending.signature)
        how = f"按落款“{ending.signature}”取为“{name}”" if name != compact(ending.signature) else f"按落款取为“{name}”"
        log.append(f"没有找到标题：机关名称{how}，请核对")
    else:
        name = ""
        log.append("没有找到标题和落款，未能确定机关名称，请在“基本信息”中填写")
    year, year_from = _year(title, texts, ending)
    if year_from:
        log.append(year_from)
    report.set_year(year)
    report.set_body_field("name", name)
    report.set_body_field("kind", guess_body_kind(name) if name else "department")
    scope = variants.infer_scope(*scope_text, government=report.body.kind == "government")
    report.set_body_field("scope", scope.scope)
    if scope.log:
        log.append(scope.log)
    report.set_body_field("signature", ending.signature)
    report.set_body_field("date", ending.date)
    if ending.date:
        log.append(f"落款：{ending.signature or '（无落款机关）'}，成文日期：{ending.date}")
    elif ending.signature:
        log.append(f"落款：{ending.signature}；没有找到成文日期，请在“基本信息”中填写")
    else:
        log.append("没有找到落款和成文日期（已发布的网页和 PDF 常常没有），请在“基本信息”中填写")
    return scope


def _year(title: Title | None, texts: dict[str, str], ending: Ending) -> tuple[int | None, str]:
    if title is not None:
        return title.year, ""
    m = _STATS_YEAR.search(compact(texts.get("preamble.body", "")))
    if m:
        return int(m.group(1)), f"没有找到标题：年度按统计期限取为{m.group(1)}年，请核对"
    if ending.date:
        y = int(ending.date[:4]) - 1
        return y, f"没有找到标题：年度按成文日期推定为{y}年，请核对"
    m = re.search(r"(20\d{2})年", texts.get("overall.intro", ""))
    if m:
        return int(m.group(1)), f"没有找到标题：年度按正文取为{m.group(1)}年，请核对"
    return None, "没有找到标题，未能确定年度，请在“基本信息”中填写"


def read_tables(fmt: ReportFormat, by_section: dict[str, list], log: list[str]) -> TablesRead:
    """The three tables, each from its own section; a missing table heading is replaced by a landmark label."""
    out = TablesRead()
    streams: dict[str, list[Token]] = {}
    pending: list[Token] = []
    pending_owner: str | None = None
    for sec in ("active", "applications", "review_litigation"):
        if sec in by_section:
            if pending_owner is not None:
                streams[pending_owner] = pending
            pending, pending_owner = _tokens(by_section[sec]), sec
        elif pending_owner is not None:
            # this table has no heading: split it off the previous table's tokens at its first label
            landmark = {"applications": [fmt.tables["applications"].rows[0].label, _headers(fmt, "applications")[0]],
                        "review_litigation": [fmt.tables["review_litigation"].rows[0].label]}[sec]
            before, after = _split_stream_at(pending, landmark)
            if after:
                streams[pending_owner] = before
                pending, pending_owner = after, sec
    if pending_owner is not None:
        streams[pending_owner] = pending

    totals = {t: len(fmt.tables[t].cells()) for t in fmt.tables}
    for table_id in ("active", "applications", "review_litigation"):
        name = fmt.table_name(table_id)
        tokens = streams.get(table_id)
        if not tokens:
            log.append(f"没有找到{name}（“{fmt.tables[table_id].title}”），其数字未导入")
            for ref in fmt.tables[table_id].cells():
                out.unread[ref] = "原报告中没有找到这张表"
            continue
        stream = Stream(tokens)
        table = fmt.tables[table_id]
        if table_id == "active":
            markers = legacy.markers_found(fmt, stream)
            if markers:
                out.legacy_2019 = True
                log.append(f"{name}是2019年（试行）旧格式（有“{'”“'.join(markers)}”等栏目），只导入含义相同的数字")
                legacy.read_active_2019(fmt, stream, out)
            else:
                put_rows(fmt, table, _read_rows(fmt, table_id, stream, log), out)
        elif table_id == "applications":
            reads = _read_rows(fmt, table_id, stream, log)
            first = min((r.anchor for r in reads.values() if r.anchor is not None), default=None)
            lacking = header_missing(stream, [c.label for c in table.cols], first)
            if first is not None and lacking:
                log.append(f"{name}的列标题没有找全（缺“{'”“'.join(lacking)}”），按官方格式的列顺序读取")
            legacy.take_single_other_row(fmt, stream, reads, out)
            if first is not None and "小计" in stream.text[:first]:
                _drop_subtotal_column(fmt, reads, log)
            put_rows(fmt, table, reads, out)
        else:
            if not all(norm_label(h) in stream.text for h in [table.rows[0].label, *_headers(fmt, table_id)]):
                log.append(f"{name}的表头没有找全，按官方格式的列顺序读取")
            read_review(fmt, stream, out)
        got = sum(1 for ref in table.cells() if ref in out.values)
        log.append(f"{name}：读到{totals[table_id]}个单元格中的{got}个")
    if out.legacy_2019:
        log.insert(0, "注意：原报告使用了2019年（试行）旧格式的部分内容，详见下文")
    log += out.log + out.unit_lines(fmt)
    return out


def _read_rows(fmt: ReportFormat, table_id: str, stream: Stream, log: list[str]) -> dict:
    """A table's rows by their labels, or by a variant of them (variants.ROW_WORDINGS), saying which."""
    table = fmt.tables[table_id]
    labels = {r.id: r.label for r in table.rows}
    reads = read_rows(stream, labels, variants.row_alternatives(table_id, labels))
    for rid, read in reads.items():
        if read.wording is not None:
            log.append(variants.row_log(fmt.table_name(table_id), table.row(rid).short, read.printed, read.wording))
    return reads


def _drop_subtotal_column(fmt: ReportFormat, reads: dict, log: list[str]) -> None:
    """Some templates add a “法人或其他组织小计” column before 总计; the official table has none."""
    table = fmt.tables["applications"]
    n = len(table.cols)
    dropped = 0
    for read in reads.values():
        if len(read.values) == n + 1:
            del read.values[n - 1]  # the subtotal stands just before 总计
            dropped += 1
    if dropped:
        log.append(f"{table.name}多出一列“小计”（官方格式没有这一列），{dropped}行的小计数字已略去")


def _headers(fmt: ReportFormat, table_id: str) -> list[str]:
    """A table's header texts from the format's grid (申请人情况, 行政诉讼 …), first row first."""
    return [g.text for g in fmt.tables[table_id].grid if g.kind == "header" and g.r < fmt.tables[table_id].header_rows]


def _unread_lines(fmt: ReportFormat, tables: TablesRead) -> list[str]:
    """“未能读取” lines: one per row when a whole row shares a reason, else one per cell."""
    lines: list[str] = []
    for table in fmt.tables.values():
        if all(ref in tables.unread for ref in table.cells()) and len(set(
                tables.unread[r] for r in table.cells())) == 1:
            lines.append(f"未能读取：{fmt.table_name(table.id)}全部{len(table.cells())}格：{tables.unread[table.cells()[0]]}")
            continue
        for row in table.rows:
            refs = [ref for ref in table.cells() if ref.row == row.id]
            reasons = {tables.unread[r] for r in refs if r in tables.unread}
            if not reasons:
                continue
            if len(reasons) == 1 and all(r in tables.unread for r in refs) and len(refs) > 1:
                lines.append(f"未能读取：{fmt.table_name(table.id)}“{row.short}”整行（{len(refs)}格）：{reasons.pop()}")
                continue
            for ref in refs:
                if ref in tables.unread:
                    lines.append(f"未能读取：{fmt.table_name(table.id)}“{table.place(ref)}”：{tables.unread[ref]}，"
                                 "保持未填写")
    return lines
