"""The 2019 (试行) format (国办公开办函〔2019〕60号): recognising it, and taking over what keeps its meaning.

Two things differ from the 2021 format (see shared/research/official-format.md §1.9):
- Table 二 was a different table (本年新制作数量 / 上一年项目数量 / 本年增/减 …). Only the 处理决定数量
  of 行政许可, 行政处罚 and 行政强制 mean what the 2021 table asks; they are taken over with a warning.
  The other 2019 columns have no 2021 counterpart and are reported, not imported.
- Table 三 had a single row “（六）其他处理” where 2021 has three. Decision: its values go to
  “3.其他” (oth_other), the catch-all row, with a warning, and “1.” and “2.” stay blank (unknown),
  so the totals and the reconciliation read exactly as published. Some 2021-era reports (洪泽区 2023,
  2024) still print this single row.

The 2019 labels below are the old format's, not ours: they are needed only to read old reports.
"""

from __future__ import annotations

from ..formatdef import CellRef, ReportFormat
from .tables import RowRead, Stream, TablesRead, assign_values, fit, locate, norm_label, read_rows

# 2019 table 二: row -> (label, its columns). Our row ids where the row still exists.
ACTIVE_2019 = {
    "rules": ("规章", ("本年新制作数量", "本年新公开数量", "对外公开总数量")),
    "normative_docs": ("规范性文件", ("本年新制作数量", "本年新公开数量", "对外公开总数量")),
    "license": ("行政许可", ("上一年项目数量", "本年增/减", "处理决定数量")),
    "other_services": ("其他对外管理服务事项", ("上一年项目数量", "本年增/减", "处理决定数量")),
    "penalty": ("行政处罚", ("上一年项目数量", "本年增/减", "处理决定数量")),
    "coercion": ("行政强制", ("上一年项目数量", "本年增/减", "处理决定数量")),
    "admin_fee": ("行政事业性收费", ("上一年项目数量", "本年增/减")),
    "procurement": ("政府集中采购", ("采购项目数量", "采购总金额")),
}
_SAME_MEANING = {"license", "penalty", "coercion"}  # 处理决定数量 = 2021's 本年处理决定数量
_OTHER_ROWS = ("oth_no_fix", "oth_no_fee", "oth_other")


def markers_found(fmt: ReportFormat, stream: Stream) -> list[str]:
    """The format's own list of 2019 markers (rule S-7) that appear in the table text."""
    return [m for m in fmt.rules["S-7"].params["markers"] if norm_label(m) in stream.text]


def read_active_2019(fmt: ReportFormat, stream: Stream, out: TablesRead) -> None:
    table = fmt.tables["active"]
    reads = read_rows(stream, {rid: label for rid, (label, _) in ACTIVE_2019.items()})
    for rid, (label, cols) in ACTIVE_2019.items():
        read = reads[rid]
        if read.anchor is None:
            continue
        vals, problem = fit(read.values, len(cols))
        shown = "、".join(f"{c}{v.text or '（空）'}" for c, v in zip(cols, vals or [], strict=False))
        if rid in _SAME_MEANING and vals is not None:
            out.put(table, rid, "decisions", vals[-1])
            out.log.append(f"2019年格式表二“{label}”的“处理决定数量”{vals[-1].text or '（空）'}已填入2021年格式的"
                           f"“本年处理决定数量”；“上一年项目数量”“本年增/减”在新格式中没有对应栏目，未导入")
        elif vals is None:
            out.log.append(f"2019年格式表二“{label}”行：{problem}")
        else:
            out.log.append(f"2019年格式表二“{label}”（{shown}）与2021年格式的栏目含义不同，未导入")
    for ref in table.cells():
        if ref.row not in _SAME_MEANING or ref.col != "decisions":
            out.unread.setdefault(ref, "原报告为2019年旧格式，这一栏在旧格式中没有对应的数字")
        elif ref not in out.values:
            out.unread.setdefault(ref, "原表中没有找到这一行")


def single_other_label(fmt: ReportFormat) -> str:
    """The group label printed left of the three 其他处理 rows (“（六）其他处理”), from the format's grid."""
    table = fmt.tables["applications"]
    row_cell = next(gc for gc in table.grid if gc.kind == "row_label" and gc.text == table.row("oth_no_fix").label)
    return next(gc.text for gc in table.grid if gc.kind == "group" and gc.r == row_cell.r)


def take_single_other_row(fmt: ReportFormat, stream: Stream, reads: dict[str, RowRead], out: TablesRead) -> None:
    """Table 三 in the 2019 layout: one “（六）其他处理” row instead of three. Its values go to “3.其他”."""
    if any(reads[r].anchor is not None for r in _OTHER_ROWS):
        return
    label = norm_label(single_other_label(fmt))
    before = reads["np_confirm"].anchor
    after = reads["result_total"].anchor
    at = locate(stream, label, [], 0 if before is None else before + 1, after)
    if at is None:
        return
    reads["oth_other"].anchor = at
    assign_values(stream, reads)
    table = fmt.tables["applications"]
    vals, _ = fit(reads["oth_other"].values, len(table.row("oth_other").cols))
    if vals is None:
        reads["oth_other"].anchor = None  # put_rows reports the row as not found
        assign_values(stream, reads)
        return
    for rid in ("oth_no_fix", "oth_no_fee"):
        for col in table.row(rid).cols:
            out.unread[CellRef(table.id, rid, col)] = (
                f"原报告使用2019年旧格式的单行“{single_other_label(fmt)}”，没有这一行")
    shown = " ".join(v.text or "（空）" for v in vals)
    kept_blank = "”“".join(table.row(r).short for r in ("oth_no_fix", "oth_no_fee"))
    out.log.append(f"原报告表三使用2019年旧格式的单行“{single_other_label(fmt)}”（{shown}）：已填入"
                   f"“{table.row('oth_other').label}”行，“{kept_blank}”两行保持未填写，请按实际情况核对")
    out.legacy_2019 = True

