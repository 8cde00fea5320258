"""The phrasing-independent reading of counts (issue 19): each wording family, said as other agencies say it,
is compared with 淮安's published tables (../shared/realworld/08_huaian_2024): right, no finding; one figure
off, a finding naming the phrase and both numbers. Each of these wordings went unread before the grammar.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from app.checks import check_report
from app.formatdef import CellRef
from app.importing import import_file

REALWORLD = Path(__file__).resolve().parents[2] / "shared" / "realworld"
pytestmark = pytest.mark.skipif(not REALWORLD.is_dir(), reason=f"real published reports not found at {REALWORLD}")
KEY = "overall.application"


@pytest.fixture(scope="module")
def huaian():
    return import_file(REALWORLD / "08_huaian_2024.txt").report


def findings(report, text: str, key: str = KEY) -> list:
    r = copy.deepcopy(report)
    for k in report.texts:
        r.set_text(k, "")
    r.set_text(key, text)
    return [f for f in check_report(r) if f.rule.startswith("X-")]



@pytest.mark.parametrize("right, wrong", [
    ("全年共收到3119件政府信息公开申请。", "全年共收到3118件政府信息公开申请。"),  # number before the noun
    ("收到政府信息公开申请３１１９件。", "收到政府信息公开申请３１１８件。"),  # full-width digits
    ("累計收到政府信息公開申請3119件。", "累計收到政府信息公開申請3118件。"),  # traditional characters
    ("共收到依申请公开申请 3119 件。", "共收到依申请公开申请 3118 件。"),  # spaces around the number
    ("2024年依申请公开事项3119项。", "2024年依申请公开事项3118项。"),  # no verb, counter 项
])
def test_received_in_any_word_order(huaian, right, wrong):
    assert findings(huaian, right) == []
    (f,) = findings(huaian, wrong)
    assert f.rule == "X-3" and ("3118" in f.message or "３１１８" in f.message) and "3119件" in f.message


def test_carried_in_both_directions(huaian):
    assert findings(huaian, "2023年结转政府信息公开申请34件，103件结转至下年办理。") == []
    (f,) = findings(huaian, "2023年结转政府信息公开申请34件，104件结转至下年办理。")
    assert f.rule == "X-1" and "“四、结转下年度”总计为103件" in f.message
    (f,) = findings(huaian, "结转2025年办理102件。")
    assert "“四、结转下年度”总计为103件" in f.message


def test_synonyms_of_result_groups_and_rows(huaian):
    assert findings(huaian, "其中，同意公开1362件。") == []
    (f,) = findings(huaian, "其中，同意公开1361件。")
    assert "“（一）予以公开”总计为1362件" in f.message
    na_not_held = int(huaian.cells[CellRef("applications", "na_not_held", "total")].value)
    assert findings(huaian, f"因本机关不掌握相关政府信息无法提供{na_not_held}件。") == []
    (f,) = findings(huaian, f"因本机关不掌握相关政府信息无法提供{na_not_held + 1}件。")
    assert "本机关不掌握相关政府信息" in f.message and f"{na_not_held}件" in f.message


def test_litigation_without_xingzheng_and_cases_together(huaian):
    assert findings(huaian, "因政府信息公开引起的复议351件、诉讼46件。") == []
    assert findings(huaian, "行政复议、行政诉讼相关案件397件。") == []
    (f,) = findings(huaian, "相关案件396件。")
    assert f.rule == "X-4" and "397件" in f.message


def test_table_four_results_without_qizhong(huaian):
    assert findings(huaian, "行政复议351件，维持72件，尚未审结37件。") == []
    (f,) = findings(huaian, "行政复议351件，维持71件，尚未审结37件。")
    assert f.rule == "X-4" and "“结果维持”为72件" in f.message


def test_applicant_breakdown(huaian):
    natural = int(huaian.cells[CellRef("applications", "new_received", "natural")].value)
    orgs = sum(int(huaian.cells[CellRef("applications", "new_received", c)].value)
               for c in ("commercial", "research", "social", "legal", "other_org"))
    assert findings(huaian, f"其中自然人申请{natural}件，法人或其他组织申请{orgs}件。") == []
    (f,) = findings(huaian, f"其中自然人申请{natural}件，法人或其他组织申请{orgs + 1}件。")
    assert f.rule == "X-7" and f"{orgs}件" in f.message and "之和" in f.message


def test_approximate_figures_are_never_wrong(huaian):
    assert findings(huaian, "全年共收到政府信息公开申请约3000件。") == []
    assert findings(huaian, "全年共收到政府信息公开申请3000余件。") == []


def test_channels_and_changes_are_not_counts_of_cells(huaian):
    assert findings(huaian, "其中通过网站提交申请的862件，当面申请13件，较上一年度增加42件。") == []


def test_claims_over_every_group_listed(huaian):
    (f,) = findings(huaian, "行政复议351件、行政诉讼46件，均获维持。")
    assert f.rule == "X-10" and "“行政复议”结果纠正64件" in f.message and "复议后起诉" in f.message
    assert {f.rule for f in findings(huaian, "行政诉讼46件，均已审结。")} == {"X-10"}
    (f,) = findings(huaian, "全年收到申请3119件，均已办结。")
    assert "“四、结转下年度”总计为103件" in f.message
