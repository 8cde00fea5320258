"""Importing a saved web page: pages written here in the shape government websites publish reports
(GBK encoding, navigation and footer around the article, tables with rowspan and colspan, layout
tables, web archives), and pages that must not crash the importer."""

from __future__ import annotations

import html
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

import pytest

from app.formatdef import CellRef, load_format
from app.importing import ReportImportError, import_bytes, import_file

from .importing_support import sample, values

FMT = load_format()


def html_table(report, table_id, label=lambda s: s, cell=None) -> str:
    t = FMT.tables[table_id]
    rows = []
    for r in range(t.grid_rows):
        tds = []
        for g in sorted((g for g in t.grid if g.r == r), key=lambda g: g.c):
            span = (f' rowspan="{g.rowspan}"' if g.rowspan > 1 else "") + (f' colspan="{g.colspan}"' if g.colspan > 1
                                                                             else "")
            if g.ref is not None:
                text = cell(g.ref) if cell else report.cell_text(g.ref) or str(report.value(g.ref))
                tds.append(f'<td{span} align="center"><span style="font-size:14px">{html.escape(text)}</span></td>')
            else:
                text = html.escape(label(g.text)).replace("\n", "<br/>")
                tds.append(f"<td{span}><p>&nbsp;{text}</p>")  # cells left open, as some CMSs write them
        rows.append("<tr>" + "".join(tds) + "</tr>")
    return f'<table border="1" cellspacing="0" width="600"><tbody>{"".join(rows)}</tbody></table>'


def page(report, *, layout=False, label=lambda s: s, cell=None) -> str:
    def paras(key):
        return "".join(f'<p style="text-indent:2em">{html.escape(p)}</p>' for p in report.text(key).split("\n"))

    body = [f"<h1>{report.body.name}{report.year}年政府信息公开工作年度报告</h1>",
            '<div class="info">发布时间：2024-01-22 09:30 来源：示例区教育局 【字体：大 中 小】</div>',
            paras("preamble.body"), "<p><strong>一、总体情况</strong></p>", paras("overall.intro")]
    for part in FMT.section("overall").parts[1:]:
        body += [f"<p><strong>{part.heading}</strong></p>", paras(f"overall.{part.id}")]
    for sec in ("active", "applications", "review_litigation"):
        body += [f"<p><strong>{FMT.section(sec).title}</strong></p>", html_table(report, sec, label, cell)]
    for sec in ("problems", "other"):
        body += [f"<p><strong>{FMT.section(sec).title}</strong></p>", paras(f"{sec}.body")]
    body += [f'<p style="text-align:right">{report.body.signature}</p>',
             '<p style="text-align:right">2024年1月22日</p>']
    article = "\n".join(body)
    if layout:
        article = f'<table width="100%"><tr><td class="left">栏目导航</td><td>{article}</td></tr></table>'
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{report.body.name}{report.year}年政府信息公开工作年度报告_示例区人民政府</title>
<script>var tpl = "<p>一、总体情况</p><table><tr><td>规章</td><td>999</td></tr></table>";</script>
<style>p {{ line-height: 2; }}</style></head>
<body><div class="nav"><a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 年度报告</div>
<div class="mobile-menu" style="display: none"><p>一、总体情况</p><div><p>隐藏的内容</p></div></div>
<div class="article">{article}</div>
<div class="footer">网站地图 | 联系我们<br>主办：示例区人民政府办公室 &copy; 2024</div>
</body></html>"""


def test_saved_page_in_gbk_imports_everything(tmp_path):
    report = sample()
    path = tmp_path / "网页" / "示例区教育局2023年年报.html"
    path.parent.mkdir()
    path.write_bytes(page(report).encode("gb18030"))
    result = import_file(path)
    got = result.report
    assert result.source_kind == "网页"
    assert got.body.name == "示例区教育局" and got.year == 2023
    assert got.body.signature == "示例市示例区教育局" and got.body.date == "2024-01-22"
    assert got.texts == report.texts  # no navigation, article header, hidden text or footer in the texts
    assert values(got) == values(report)
    assert result.unread == {}
    assert any("之后还有" in line for line in result.log)


def test_page_laid_out_with_tables_and_cells_with_variants(tmp_path):
    def label(text):
        text = text.replace("3.其他", "3、其他").replace("社会公益组织", "社会公\n益组织")
        return text.replace("（七）总计", "(七)总 计")

    blank, dash = CellRef("review_litigation", "lit_after", "other"), CellRef("applications", "np_massive", "total")

    def cell(ref):
        return "" if ref == blank else "—" if ref == dash else report.cell_text(ref) or str(report.value(ref))

    report = sample()
    # saved again by a browser: UTF-8 bytes under the page's old “charset=gb2312” declaration
    result = import_bytes(page(report, layout=True, label=label, cell=cell).encode("utf-8"), "page.htm")
    got = result.report
    assert got.texts == report.texts
    assert blank not in got.cells and dash not in got.cells
    assert set(result.unread) == {blank, dash}
    expected = {ref: v for ref, v in values(report).items() if ref not in (blank, dash) and not FMT.is_total(ref)}
    assert {ref: got.value(ref) for ref in expected} == expected


def test_web_archive_mht(tmp_path):
    report = sample()
    archive = MIMEMultipart("related")
    archive.attach(MIMEText(page(report).replace("gb2312", "utf-8"), "html", "utf-8"))
    path = tmp_path / "年报.mht"
    path.write_bytes(archive.as_bytes())
    result = import_file(path)
    assert result.report.texts == report.texts
    assert values(result.report) == values(report)


@pytest.mark.parametrize("markup", [
    "<div>" * 100_000 + "一、总体情况" + "</div>" * 10,
    "<table><tr><td><table><tr><td>" * 3000,
    "<p>一、总体情况<p>文字<td>规章<td>1<tr><tr></table></table></div>" * 50,
    "<html><body>" + "&amp;&lt;&#x4e00;&#1234567;&bogus;" * 1000 + "</body></html>",
])
def test_hostile_or_broken_markup_gives_a_message_not_a_crash(markup):
    try:
        result = import_bytes(("<html>" + markup).encode("utf-8"), "x.html")
    except ReportImportError as e:
        assert "年报" in str(e) or "网页" in str(e)
    else:
        assert result.report is not None
