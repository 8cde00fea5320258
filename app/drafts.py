"""Draft paragraphs rendered from this year's numbers (jinja2, sandboxed), for the text steps.

The numbers come from the tables, so a draft always agrees with them (and with checks X-1…X-4).
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from .cells import format_number
from .formatdef import CellRef
from .report import Report

_DENIED = ("deny_secret", "deny_law", "deny_3s1w", "deny_third", "deny_internal", "deny_process",
           "deny_casefile", "deny_query")
_GROUPS = {
    "denied": _DENIED,
    "unable": ("na_not_held", "na_need_make", "na_unclear"),
    "not_processed": ("np_petition", "np_repeat", "np_publication", "np_massive", "np_confirm"),
    "other_handling": ("oth_no_fix", "oth_no_fee", "oth_other"),
}


def _template_file(text_key: str):
    return _template(f"{text_key}.j2")


def _template(name: str):
    return resources.files("resources").joinpath("templates", "drafts", name)


@cache
def _env():
    # jinja2 is imported on first use: the app's start-up does not pay for it
    from jinja2 import FunctionLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    def load(name: str):
        path = _template(name)
        return path.read_text(encoding="utf-8") if path.is_file() else None

    env = SandboxedEnvironment(loader=FunctionLoader(load), undefined=StrictUndefined, autoescape=False,
                               keep_trailing_newline=False, trim_blocks=True, lstrip_blocks=True)
    env.filters["n"] = lambda v: format_number(v) if v is not None else "0"
    return env


def available(text_key: str) -> bool:
    return _template_file(text_key).is_file()


def _context(report: Report) -> dict:
    v = lambda t, r, c: report.value(CellRef(t, r, c)) or 0  # noqa: E731
    apps = {row.id: v("applications", row.id, "total") for row in report.fmt.tables["applications"].rows}
    groups = {name: sum(apps[r] for r in rows) for name, rows in _GROUPS.items()}
    active = {row.id: {c: v("active", row.id, c) for c in row.cols} for row in report.fmt.tables["active"].rows}
    rl = {row.id: v("review_litigation", row.id, "total") for row in report.fmt.tables["review_litigation"].rows}
    return {
        "name": report.body.name.strip() or "本机关",
        "year": report.year or "",
        "apps": apps, "groups": groups, "active": active, "rl": rl,
        "litigation": rl["lit_direct"] + rl["lit_after"],
        "government": report.body.kind == "government",
    }


def render_draft(report: Report, text_key: str) -> str:
    """A draft paragraph for one text part; the officer's text is never part of the template."""
    template = _env().get_template(f"{text_key}.j2")
    return template.render(**_context(report)).strip()
