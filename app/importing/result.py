"""What an import hands back: the report, and the account of the import the officer reads."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..checks import SEVERITIES, SEVERITY_NAMES, Finding, check_report, severity_counts
from ..formatdef import CellRef
from ..report import Report


@dataclass
class ImportResult:
    """An imported report and what happened on the way.

    ``log`` is in Chinese for the officer: what was found, what was not, which cells could not be read
    and why. ``unread`` holds the same cells by reference (for a grid to mark them). ``findings`` runs
    the check engine on the report as it is now, so a published report that does not reconcile shows
    its errors.
    """

    report: Report
    log: list[str] = field(default_factory=list)
    legacy_2019: bool = False
    unread: dict[CellRef, str] = field(default_factory=dict)
    source_kind: str = ""
    scope_evidence: str = ""  # the words 汇总 was inferred from (the import dialog asks the officer to confirm)

    @property
    def findings(self) -> list[Finding]:
        return check_report(self.report)

    def summary(self) -> str:
        """The whole import report as the command line prints it (and a dialog can show it)."""
        r = self.report
        lines = [f"已导入{self.source_kind}年报：{r.title()}"]
        lines += [f"  {m}" for m in self.log]
        findings = self.findings
        counts = severity_counts(findings)
        lines.append("检查结果：" + "，".join(f"{SEVERITY_NAMES[s]}{counts[s]}" for s in SEVERITIES))
        for f in findings:
            lines.append(f"  [{SEVERITY_NAMES[f.severity]}] {f.message}")
        if counts["error"]:
            lines.append(f"导入的内容有{counts['error']}处错误：数字按原报告导入，未作改动，请核对后修改。")
        return "\n".join(lines)
