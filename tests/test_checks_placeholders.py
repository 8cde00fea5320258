"""Unfinished text (P-1…P-3): placeholders in a text part or a body field and a lone “无”, with real sentences
(the app's own drafts, the 天山乡 and 洪泽区 reports) that must stay clean."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app import drafts
from app.checks import LiveChecks, check_report, has_errors
from app.report import Body, Report

PLACEHOLDER_RULES = ("P-1", "P-2", "P-3")


def report(**texts: str) -> Report:
    r = Report(year=2024)
    r.body = Body(name="天山乡人民政府", kind="government", scope="own", signature="哈密市伊州区天山乡人民政府",
                  date="2025-01-26")
    for key, text in texts.items():
        r.set_text(key.replace("__", "."), text)
    return r


def placeholder_findings(r: Report) -> list[tuple[str, str]]:
    return [(f.rule, f.message) for f in check_report(r) if f.rule in PLACEHOLDER_RULES]


def test_a_drafts_fill_in_is_an_error_on_its_part_with_its_place():
    text = ("本年度将政务公开工作纳入绩效考核，考核结果为（请填写：考核结果）；"
            "通过政府网站、12345热线等渠道开展社会评议，评议结果为（请填写：评议结果）。")
    r = report(overall__supervision=text)
    found = [f for f in check_report(r) if f.rule == "P-1"]
    assert [f.message for f in found] == [
        "“一、总体情况（五）监督保障”中还有未填写的内容“（请填写：考核结果）”，请补写后再导出",
        "“一、总体情况（五）监督保障”中还有未填写的内容“（请填写：评议结果）”，请补写后再导出",
    ]
    assert {(f.severity, f.step, f.text_key) for f in found} == {("error", "overall", "overall.supervision")}
    # the key carries where the placeholder starts, padded so the findings list them in the order of the text
    assert [f.key for f in found] == [f"P-1:overall.supervision@{text.index('（请填写：考核结果）'):06d}",
                                      f"P-1:overall.supervision@{text.index('（请填写：评议结果）'):06d}"]
    assert has_errors(check_report(r))  # so export asks first


@pytest.mark.parametrize("text, found", [
    ("如对本报告有疑问，请与XXX联系，电话：____。", ["XXX", "____"]),
    ("××镇人民政府严格落实“三审三校”制度。", ["××"]),
    # “XXX号” too: a real 文号 has digits
    ("依据《关于印发XXX县政务公开工作要点的通知》（〔2024〕XXX号）开展工作。", ["XXX", "XXX"]),
    ("地址：此处填写地址。", ["此处填写"]),
    ("本年度共办理【请输入数量】件。", ["【请输入数量】"]),
    ("全年主动公开政府信息（ ）条，[…]。", ["（ ）", "[…]"]),
])
def test_placeholders_of_every_kind(text, found):
    r = report(overall__active=text)
    assert [m.split("未填写的内容“")[1].split("”，")[0] for _, m in placeholder_findings(r)] == found


@pytest.mark.parametrize("text", [
    # real sentences with brackets, X's and 〇 that are not placeholders
    "本报告由天山乡人民政府根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作"
    "年度报告格式》（国办公开办函〔2021〕30号）要求编制。",
    "在哈密市伊州区人民政府门户网站（http://www.yizhou.gov.cn/xxgk/）政府信息公开专栏主动公开各类信息。",
    "依据国办发[2021]30号文件，二○二四年十二月三十一日前完成公开目录更新，XXI世纪以来首次全面梳理。",
    "严格执行“分级审核、先审后发”程序，落实“三审三校”制度，未经审核报备的信息一律不准发布。",
    "无其他需要报告的事项。本机关按照《国务院办公厅关于印发<政府信息公开信息处理费管理办法>的通知》规定收费标准。",
])
def test_real_sentences_are_not_placeholders(text):
    assert placeholder_findings(report(overall__active=text)) == []


def test_a_lone_wu_in_a_part_of_one_is_an_error_but_not_in_five_or_six():
    r = report(overall__platform="无。", problems__body="无", other__body="无。")
    found = check_report(r)
    assert [(f.rule, f.message) for f in found if f.rule in PLACEHOLDER_RULES] == [
        ("P-3", "“一、总体情况（四）平台建设”只写了“无。”；此项须写明本年的实际情况，没有开展的工作也应如实说明")]
    rules = {f.rule for f in found}
    assert "S-4b" in rules and "S-5" in rules  # 五 and 六 keep their own findings for the same word
    r.set_text("overall.platform", "暂无")
    assert [rule for rule, _ in placeholder_findings(r)] == ["P-3"]
    r.set_text("overall.platform", "本年无新建平台，持续维护政府门户网站政务公开专栏。")
    assert placeholder_findings(r) == []


def test_name_and_signature_holding_a_placeholder():
    r = report()
    r.set_body_field("name", "××镇人民政府")
    r.set_body_field("signature", "无")
    found = [f for f in check_report(r) if f.rule == "P-2"]
    assert [(f.message, f.step, f.severity) for f in found] == [
        ("机关名称填的是“××”，还不是实际内容", "basic", "error"),
        ("落款机关填的是“无”，还不是实际内容", "basic", "error"),
    ]
    r.set_body_field("name", "某某市商务局")  # the usual stand-in of examples is a real-looking name
    r.set_body_field("signature", "天山乡人民政府")
    assert placeholder_findings(r) == []


def test_every_draft_leaves_only_fill_ins_the_rule_catches(example_report):
    for key in example_report.fmt.text_keys():
        if drafts.available(key):
            example_report.set_text(key, drafts.render_draft(example_report, key))
    found = [f for f in check_report(example_report) if f.rule == "P-1"]
    assert found and all("（请填写：" in f.message for f in found)


def test_placeholders_are_listed_in_the_order_of_the_text():
    text = "一是（请填写：存在的问题）。" + "主动公开的深度和广度还不够，" * 8 + "下一步将（请填写：改进措施）。"
    found = [f.message for f in check_report(report(problems__body=text)) if f.rule == "P-1"]
    assert [m.split("内容“")[1].split("”")[0] for m in found] == ["（请填写：存在的问题）", "（请填写：改进措施）"]


def test_live_checks_follow_typing_into_a_placeholder():
    r = report(overall__platform="持续优化政府网站政务公开专栏。（请填写：本年平台建设的具体情况）")
    live = LiveChecks(r)
    assert [f.rule for f in live.findings() if f.rule in PLACEHOLDER_RULES] == ["P-1"]
    r.set_text("overall.platform", "持续优化政府网站政务公开专栏。本年新开设“优化营商环境”专题栏目。")
    live.text_changed("overall.platform")
    assert [f.rule for f in live.findings() if f.rule in PLACEHOLDER_RULES] == []
    assert live.findings() == check_report(r)


def test_a_placeholder_finding_says_where_in_the_text_it_is():
    from app.checks import check_report
    from app.report import Report

    r = Report(year=2024)
    text = "本年度共发布信息（请填写：条数）条。"
    r.set_text("overall.active", text)
    (f,) = [f for f in check_report(r) if f.rule == "P-1"]
    assert f.pos == text.index("（请填写") and f.as_dict()["pos"] == f.pos


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="（()【】[]〔〕_＿XxＸｘ×此处在填写请输入补充a1 …。", max_size=40))
def test_the_fast_scan_finds_what_the_whole_pattern_finds(text):
    # find_placeholders searches for where a placeholder can start, then matches there: the same as finditer
    from app.checks.placeholders import _PLACEHOLDER, find_placeholders

    assert [(p.start, p.end) for p in find_placeholders(text)] == [m.span() for m in _PLACEHOLDER.finditer(text)]
