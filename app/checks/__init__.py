"""The checks: one engine, rules grouped by family, one registry (see ``registry``).

Importing the package registers every family's rules; ``LiveChecks`` and ``check_report`` then run them all.
"""

from __future__ import annotations

from . import cells, content, cross_year, fees, narrative, narrative_active, placeholders, staleness, tables  # noqa: F401  (each registers its rules)
from .engine import (
    SEVERITIES,
    SEVERITY_NAMES,
    Finding,
    Fix,
    LiveChecks,
    check_report,
    finding_line,
    has_errors,
    rule_title,
    severity_counts,
)

__all__ = ["SEVERITIES", "SEVERITY_NAMES", "Finding", "Fix", "LiveChecks", "check_report", "finding_line",
           "has_errors", "rule_title", "severity_counts"]
