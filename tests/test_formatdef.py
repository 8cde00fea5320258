"""The official format as data: every label, merge and stable id, checked against the official text.

The labels below are a second copy of /work/shared/research/official-format.md §1.6, typed by hand on
purpose: this file is the oracle the format file is checked against, so it must not read the format file.
"""

from __future__ import annotations

import json
import re
import string

import pytest

from app.checks import SEVERITIES
from app.formatdef import CellRef, load_format, parse_format
from app.resources_path import resource_path

FMT = load_format()

# --- the oracle: official-format.md §1.4 and §1.6 -------------------------------------------------

SECTION_TITLES = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]

ACTIVE_ROWS = [
    ("rules", "规章", ["issued", "repealed", "valid"]),
    ("normative_docs", "行政规范性文件", ["issued", "repealed", "valid"]),
    ("license", "行政许可", ["decisions"]),
    ("penalty", "行政处罚", ["decisions"]),
    ("coercion", "行政强制", ["decisions"]),
    ("admin_fee", "行政事业性收费", ["amount_wanyuan"]),
]
ACTIVE_COLS = [
    ("issued", "本年制发件数", "count"),
    ("repealed", "本年废止件数", "count"),
    ("valid", "现行有效件数", "count"),
    ("decisions", "本年处理决定数量", "count"),
    ("amount_wanyuan", "本年收费金额（单位：万元）", "amount"),
]

APPLICATION_ROWS = [
    ("new_received", "一、本年新收政府信息公开申请数量"),
    ("carried_over", "二、上年结转政府信息公开申请数量"),
    ("granted", "（一）予以公开"),
    ("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("deny_secret", "1.属于国家秘密"),
    ("deny_law", "2.其他法律行政法规禁止公开"),
    ("deny_3s1w", "3.危及“三安全一稳定”"),
    ("deny_third", "4.保护第三方合法权益"),
    ("deny_internal", "5.属于三类内部事务信息"),
    ("deny_process", "6.属于四类过程性信息"),
    ("deny_casefile", "7.属于行政执法案卷"),
    ("deny_query", "8.属于行政查询事项"),
    ("na_not_held", "1.本机关不掌握相关政府信息"),
    ("na_need_make", "2.没有现成信息需要另行制作"),
    ("na_unclear", "3.补正后申请内容仍不明确"),
    ("np_petition", "1.信访举报投诉类申请"),
    ("np_repeat", "2.重复申请"),
    ("np_publication", "3.要求提供公开出版物"),
    ("np_massive", "4.无正当理由大量反复申请"),
    ("np_confirm", "5.要求行政机关确认或重新出具已获取信息"),
    ("oth_no_fix", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("oth_no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("oth_other", "3.其他"),
    ("result_total", "（七）总计"),
    ("carry_next", "四、结转下年度继续办理"),
]
APPLICATION_COLS = [
    ("natural", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("social", "社会公益组织"),
    ("legal", "法律服务机构"),
    ("other_org", "其他"),
    ("total", "总计"),
]
CORNER_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

REVIEW_ROWS = [("review", "行政复议"), ("lit_direct", "未经复议直接起诉"), ("lit_after", "复议后起诉")]
REVIEW_COLS = [("maintained", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"),
               ("pending", "尚未审结"), ("total", "总计")]

# The printed grids, cell by cell: (row, column, rowspan, colspan, text). Number cells are "=row.col".
ACTIVE_GRID = [
    (0, 0, 1, 4, "第二十条第（一）项"),
    (1, 0, 1, 1, "信息内容"), (1, 1, 1, 1, "本年制发件数"), (1, 2, 1, 1, "本年废止件数"), (1, 3, 1, 1, "现行有效件数"),
    (2, 0, 1, 1, "规章"), (2, 1, 1, 1, "=rules.issued"), (2, 2, 1, 1, "=rules.repealed"), (2, 3, 1, 1, "=rules.valid"),
    (3, 0, 1, 1, "行政规范性文件"), (3, 1, 1, 1, "=normative_docs.issued"),
    (3, 2, 1, 1, "=normative_docs.repealed"), (3, 3, 1, 1, "=normative_docs.valid"),
    (4, 0, 1, 4, "第二十条第（五）项"),
    (5, 0, 1, 1, "信息内容"), (5, 1, 1, 3, "本年处理决定数量"),
    (6, 0, 1, 1, "行政许可"), (6, 1, 1, 3, "=license.decisions"),
    (7, 0, 1, 4, "第二十条第（六）项"),
    (8, 0, 1, 1, "信息内容"), (8, 1, 1, 3, "本年处理决定数量"),
    (9, 0, 1, 1, "行政处罚"), (9, 1, 1, 3, "=penalty.decisions"),
    (10, 0, 1, 1, "行政强制"), (10, 1, 1, 3, "=coercion.decisions"),
    (11, 0, 1, 4, "第二十条第（八）项"),
    (12, 0, 1, 1, "信息内容"), (12, 1, 1, 3, "本年收费金额（单位：万元）"),
    (13, 0, 1, 1, "行政事业性收费"), (13, 1, 1, 3, "=admin_fee.amount_wanyuan"),
]

APPLICATION_HEADER = [
    (0, 0, 3, 3, CORNER_NOTE), (0, 3, 1, 7, "申请人情况"),
    (1, 3, 2, 1, "自然人"), (1, 4, 1, 5, "法人或其他组织"), (1, 9, 2, 1, "总计"),
    (2, 4, 1, 1, "商业企业"), (2, 5, 1, 1, "科研机构"), (2, 6, 1, 1, "社会公益组织"), (2, 7, 1, 1, "法律服务机构"),
    (2, 8, 1, 1, "其他"),
]
# Row labels and group labels of table 3 below the header (label cells only); sub-rows sit in column 3.
APPLICATION_LABELS = [
    (3, 0, 1, 3, "一、本年新收政府信息公开申请数量"),
    (4, 0, 1, 3, "二、上年结转政府信息公开申请数量"),
    (5, 0, 22, 1, "三、本年度办理结果"),
    (5, 1, 1, 2, "（一）予以公开"),
    (6, 1, 1, 2, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    (7, 1, 8, 1, "（三）不予公开"),
    (7, 2, 1, 1, "1.属于国家秘密"),
    (8, 2, 1, 1, "2.其他法律行政法规禁止公开"),
    (9, 2, 1, 1, "3.危及“三安全一稳定”"),
    (10, 2, 1, 1, "4.保护第三方合法权益"),
    (11, 2, 1, 1, "5.属于三类内部事务信息"),
    (12, 2, 1, 1, "6.属于四类过程性信息"),
    (13, 2, 1, 1, "7.属于行政执法案卷"),
    (14, 2, 1, 1, "8.属于行政查询事项"),
    (15, 1, 3, 1, "（四）无法提供"),
    (15, 2, 1, 1, "1.本机关不掌握相关政府信息"),
    (16, 2, 1, 1, "2.没有现成信息需要另行制作"),
    (17, 2, 1, 1, "3.补正后申请内容仍不明确"),
    (18, 1, 5, 1, "（五）不予处理"),
    (18, 2, 1, 1, "1.信访举报投诉类申请"),
    (19, 2, 1, 1, "2.重复申请"),
    (20, 2, 1, 1, "3.要求提供公开出版物"),
    (21, 2, 1, 1, "4.无正当理由大量反复申请"),
    (22, 2, 1, 1, "5.要求行政机关确认或重新出具已获取信息"),
    (23, 1, 3, 1, "（六）其他处理"),
    (23, 2, 1, 1, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    (24, 2, 1, 1, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    (25, 2, 1, 1, "3.其他"),
    (26, 1, 1, 2, "（七）总计"),
    (27, 0, 1, 3, "四、结转下年度继续办理"),
]

REVIEW_GRID_HEADER = [
    (0, 0, 1, 5, "行政复议"), (0, 5, 1, 10, "行政诉讼"),
    (1, 0, 2, 1, "结果维持"), (1, 1, 2, 1, "结果纠正"), (1, 2, 2, 1, "其他结果"), (1, 3, 2, 1, "尚未审结"),
    (1, 4, 2, 1, "总计"), (1, 5, 1, 5, "未经复议直接起诉"), (1, 10, 1, 5, "复议后起诉"),
] + [(2, 5 + i, 1, 1, label) for i, label in enumerate(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2)]


def _grid(table_id: str) -> list[tuple[int, int, int, int, str]]:
    out = []
    for g in FMT.tables[table_id].grid:
        text = f"={g.ref.row}.{g.ref.col}" if g.ref else g.text
        out.append((g.r, g.c, g.rowspan, g.colspan, text))
    return out


# --- sections -----------------------------------------------------------------------------------

def test_six_section_titles_in_order():
    titles = [s.title for s in FMT.sections if s.title is not None]
    assert titles == SECTION_TITLES


def test_table_sections_hold_their_tables():
    assert [(s.id, s.table) for s in FMT.sections if s.kind == "table"] == [
        ("active", "active"), ("applications", "applications"), ("review_litigation", "review_litigation")]


def test_overall_has_the_five_areas_of_the_format():
    overall = FMT.section("overall")
    assert [p.heading for p in overall.parts if p.heading] == [
        "（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）平台建设", "（五）监督保障"]


# --- table 2 ------------------------------------------------------------------------------------

def test_active_rows_and_cols():
    table = FMT.tables["active"]
    assert [(r.id, r.label, list(r.cols)) for r in table.rows] == ACTIVE_ROWS
    assert [(c.id, c.label, c.type) for c in table.cols] == ACTIVE_COLS


def test_active_fee_is_wanyuan_with_six_decimals():
    col = FMT.tables["active"].col("amount_wanyuan")
    assert col.type == "amount" and col.decimals == 6  # published reports give 万元 to the 分
    assert "万元" in col.label


def test_active_grid_as_printed():
    assert _grid("active") == ACTIVE_GRID


def test_active_has_ten_input_cells_and_no_totals():
    cells = FMT.tables["active"].cells()
    assert len(cells) == 10
    assert not any(FMT.is_total(ref) for ref in cells)


# --- table 3 ------------------------------------------------------------------------------------

def test_applications_rows_and_cols():
    table = FMT.tables["applications"]
    assert [(r.id, r.label) for r in table.rows] == APPLICATION_ROWS
    assert [(c.id, c.label) for c in table.cols] == APPLICATION_COLS
    assert all(list(r.cols) == [c for c, _ in APPLICATION_COLS] for r in table.rows)
    assert all(c.type == "count" for c in table.cols)


def test_applications_header_and_labels_as_printed():
    grid = _grid("applications")
    assert grid[:len(APPLICATION_HEADER)] == APPLICATION_HEADER
    labels = [g for g in grid[len(APPLICATION_HEADER):] if not g[4].startswith("=")]
    assert labels == APPLICATION_LABELS


def test_applications_number_cells_sit_in_columns_4_to_10_in_row_order():
    table = FMT.tables["applications"]
    values = [g for g in table.grid if g.ref is not None]
    assert len(values) == 25 * 7 == len(table.cells())
    for g in values:
        assert (g.rowspan, g.colspan) == (1, 1)
        assert g.r == 3 + [r.id for r in table.rows].index(g.ref.row)
        assert g.c == 3 + [c.id for c in table.cols].index(g.ref.col)


def test_applications_has_no_subtotal_rows_or_columns():
    # The official table has no 小计 for 法人或其他组织 nor for 不予公开 / 无法提供 / 不予处理 / 其他处理.
    table = FMT.tables["applications"]
    labels = [r.label for r in table.rows] + [c.label for c in table.cols]
    assert not any("小计" in label for label in labels)
    assert len(table.rows) == 25 and len(table.cols) == 7


def test_applications_totals_are_the_total_column_and_result_total_row():
    table = FMT.tables["applications"]
    totals = {ref for ref in table.cells() if FMT.is_total(ref)}
    expected = {CellRef("applications", r.id, "total") for r in table.rows}
    expected |= {CellRef("applications", "result_total", c.id) for c in table.cols}
    assert totals == expected


def test_totals_fed_by_a_cell_follow_nested_sums():
    a = lambda row, col: CellRef("applications", row, col)  # noqa: E731
    # a result cell feeds its row total, its column's (七)总计 and, through both, the grand total
    assert FMT.totals_fed_by(a("granted", "natural")) == {
        a("granted", "total"), a("result_total", "natural"), a("result_total", "total")}
    assert FMT.totals_fed_by(a("carried_over", "natural")) == {a("carried_over", "total")}
    assert FMT.totals_fed_by(a("result_total", "total")) == set()  # nothing sums the grand total
    assert FMT.totals_fed_by(CellRef("active", "rules", "issued")) == set()


def test_three_safeties_label_uses_curly_quotes_and_labels_use_full_width_punctuation():
    label = FMT.tables["applications"].row("deny_3s1w").label
    assert label == "3.危及\u201c三安全一稳定\u201d"
    for table in FMT.tables.values():
        for text in [r.label for r in table.rows] + [c.label for c in table.cols] + [g.text for g in table.grid]:
            assert not re.search(r"[(),:;\"]", text), text  # ASCII punctuation would be a retyping slip


# --- table 4 ------------------------------------------------------------------------------------

def test_review_litigation_rows_cols_and_grid():
    table = FMT.tables["review_litigation"]
    assert [(r.id, r.label) for r in table.rows] == REVIEW_ROWS
    assert [(c.id, c.label) for c in table.cols] == REVIEW_COLS
    grid = _grid("review_litigation")
    assert grid[:len(REVIEW_GRID_HEADER)] == REVIEW_GRID_HEADER
    values = grid[len(REVIEW_GRID_HEADER):]
    assert values == [(3, i, 1, 1, f"={row}.{col}") for i, (row, col) in
                      enumerate((r, c) for r, _ in REVIEW_ROWS for c, _ in REVIEW_COLS)]


def test_review_litigation_totals():
    totals = {ref for ref in FMT.tables["review_litigation"].cells() if FMT.is_total(ref)}
    assert totals == {CellRef("review_litigation", r, "total") for r, _ in REVIEW_ROWS}


# --- every grid ---------------------------------------------------------------------------------

@pytest.mark.parametrize("table_id", ["active", "applications", "review_litigation"])
def test_grid_covers_every_position_exactly_once(table_id):
    table = FMT.tables[table_id]
    seen: dict[tuple[int, int], int] = {}
    for g in table.grid:
        for r in range(g.r, g.r + g.rowspan):
            for c in range(g.c, g.c + g.colspan):
                seen[(r, c)] = seen.get((r, c), 0) + 1
    assert set(seen) == {(r, c) for r in range(table.grid_rows) for c in range(table.columns)}
    assert set(seen.values()) == {1}
    assert len(table.col_widths) == table.columns


@pytest.mark.parametrize("table_id", ["active", "applications", "review_litigation"])
def test_every_number_cell_is_printed_once(table_id):
    table = FMT.tables[table_id]
    refs = [g.ref for g in table.grid if g.ref is not None]
    assert sorted(refs) == sorted(table.cells())


def test_place_names_a_cell_in_the_officers_words():
    ref = CellRef("applications", "new_received", "natural")
    assert FMT.tables["applications"].place(ref) == "一、本年新收／自然人"
    assert FMT.tables["active"].place(CellRef("active", "license", "decisions")) == "行政许可"


# --- rules --------------------------------------------------------------------------------------

def test_every_rule_has_a_severity_and_a_chinese_message():
    for rule in FMT.rules.values():
        assert rule.severity in SEVERITIES, rule.id
        assert re.search(r"[\u4e00-\u9fff]", rule.message), rule.id
        if rule.fix:
            assert re.search(r"[\u4e00-\u9fff]", rule.fix), rule.id


def test_equation_rules_exist_and_messages_only_use_known_fields():
    for eq in FMT.equations:
        assert eq.rule in FMT.rules
    for rule in FMT.rules.values():
        fields = {f for _, f, _, _ in string.Formatter().parse(rule.message) if f}
        assert all(re.fullmatch(r"[a-z_]+", f) for f in fields), rule.id


def test_unknown_format_is_refused():
    with pytest.raises(KeyError):
        load_format("GBGKBH-2019-60")


def test_a_format_whose_total_sums_itself_is_refused_when_read():
    data = json.loads(resource_path("formats", "gbgkbh-2021-30.json").read_text(encoding="utf-8"))
    parse_format(data)  # the real one reads
    data["equations"][0]["terms"].append("total")  # 总计 = … + 总计: it would never finish computing
    with pytest.raises(ValueError, match="cycle"):
        parse_format(data)
