"""Figures of 表二 the text quotes, shares (“…件，占X%”) and claims about 表四 (“均获维持”, “零败诉”).

Part of ``mentions.find_mentions``: parsed once per text change.
"""

from __future__ import annotations

import re

from .mentions import Mention
from .numerals import DECIMAL, NUMBER, read_decimal, read_number

_SENTENCE = re.compile(r"[^。；;\n]+")
_COUNT = re.compile(rf"(?P<n>{NUMBER})[^\S\n]*件")
# 表二（一）: what the document is, and what was done with it (official-format §1.8 X-5, evaluators E8)
_SUBJECT = re.compile(r"规章(?!制度)|(?:行政)?规范性文件")
_VERBS = {"制发": "issued", "印发": "issued", "出台": "issued", "新增公开": "issued", "新增": "issued",
          "废止": "repealed", "宣布失效": "repealed", "现行有效": "valid"}
_VERB = re.compile("|".join(sorted(_VERBS, key=len, reverse=True)))
# A verb and its document name are read together only across a few plain words (“制发市政府规章”); any
# other action between them (“制发规章1件，清理规范性文件120件”) starts a new phrase.
_OTHER_ACTION = re.compile(r"清理|修订|修改|审查|审核|备案|报备|解读|评估|起草|公开|发布")
_DECISIONS = re.compile(rf"行政(?P<what>许可|处罚|强制)(?:处理)?决定(?:书)?(?:数量)?(?:为|共|共计)?{_COUNT.pattern}")
_DECISION_ROWS = {"许可": "license", "处罚": "penalty", "强制": "coercion"}
_FEE = re.compile(rf"行政事业性收费(?:金额|总额)?(?:为|共|共计|合计)?(?P<n>{DECIMAL})[^\S\n]*万元")
# “予以公开1362件，占43.67%” / “（占比43.7%）” / “占办结总数的43.67%” (evaluators E1)
_SHARE = re.compile(rf"(?P<n>{NUMBER})[^\S\n]*件[^\S\n]*[，,（(、]?[^\S\n]*"
                    rf"占(?P<base>[^\d%％。；;，,（）()\n]{{0,14}}?)(?P<p>{DECIMAL})[^\S\n]*[%％]")
# “均获维持”, “零败诉”… and “未发生…行政复议、行政诉讼” (evaluators E5)
_CLAIM = re.compile(r"(?P<maintained>均(?:获|被|予|得到)?(?:以)?维持|全部(?:获得?|予以|被)?维持)"
                    r"|(?P<corrected>(?:均|全部)?(?:未被|无被|没有被|无一被)纠错|零纠错|无纠错|零败诉|无败诉|未败诉|无一败诉)")
_NONE = re.compile(r"(?:未发生|没有发生|未出现|无)(?P<gap>[^，,。；;\d\n]{0,16}?)行政(?P<a>复议|诉讼)(?:案件)?"
                   r"(?:(?:[、和及或与])(?:被)?(?:提起)?(?:行政)?(?P<b>复议|诉讼))?"
                   r"(?![^，,。；;\n]*?(?:纠错|纠正|败诉|维持))")
_CLAUSE = re.compile(r"[，,、]")
_GROUP_WORDS = {"复议": "review", "诉讼": "litigation", "起诉": "litigation", "应诉": "litigation"}


def find(text: str) -> list[Mention]:
    out: list[Mention] = []
    for sentence in _SENTENCE.finditer(text):
        out += _active_counts(text, sentence.start(), sentence.end())
    for m in _DECISIONS.finditer(text):
        n = read_number(m.group("n"))
        if n is not None:
            out.append(Mention(f"active:{_DECISION_ROWS[m.group('what')]}.decisions", n, m.group(0), m.start(),
                               (m.span("n"),)))
    for m in _FEE.finditer(text):
        out.append(Mention("active:admin_fee.amount_wanyuan", read_decimal(m.group("n")), m.group(0), m.start(),
                           (m.span("n"),), detail=m.group("n")))
    for m in _SHARE.finditer(text):
        n = read_number(m.group("n"))
        if n is not None:
            out.append(Mention("share", n, m.group(0), m.start(), (m.span("n"), m.span("p")),
                               (read_decimal(m.group("p")),), detail=f"{m.group('base')}|{m.group('p')}"))
    out += _claims(text)
    return out


def _active_counts(text: str, start: int, end: int) -> list[Mention]:
    """Counts of 规章 and 规范性文件 in one sentence; a count without its own verb or document name takes the
    previous one's (“制发规章1件、行政规范性文件3件”, “制发行政规范性文件2件，废止1件，现行有效8件”)."""
    out = []
    verb = subject = None
    head_start = start
    for m in _COUNT.finditer(text, start, end):
        head = text[head_start:m.start()]
        head_start = m.end()
        clause = re.split(r"[，,]", head)[-1]
        subjects, verbs = list(_SUBJECT.finditer(clause)), list(_VERB.finditer(clause))
        plain = clause.lstrip("、和及与以 ")
        new_subject = new_verb = None
        if subjects and verbs:
            s, v = subjects[-1], verbs[-1]
            between = clause[v.end():s.start()] if v.start() < s.start() else clause[s.end():v.start()]
            if len(between) <= (10 if v.start() < s.start() else 4) and not _OTHER_ACTION.search(between) \
                    and not clause[max(s.end(), v.end()):].strip():
                new_subject, new_verb = s.group(0), _VERBS[v.group(0)]
        elif subjects and verb is not None and _SUBJECT.fullmatch(plain.removeprefix("市政府").strip()):
            new_subject, new_verb = subjects[-1].group(0), verb  # “、行政规范性文件3件”
        elif verbs and subject is not None and plain in _VERBS:
            new_subject, new_verb = subject, _VERBS[plain]  # “，废止1件”
        if new_subject is None:
            verb = subject = None
            continue
        subject, verb = new_subject, new_verb
        n = read_number(m.group("n"))
        if n is None:
            continue
        row = "rules" if subject == "规章" else "normative_docs"
        out.append(Mention(f"active:{row}.{verb}", n, text[m.start() - len(clause):m.end()].lstrip("、和及与以，, "),
                           m.start() - len(clause), (m.span("n"),)))
    return out


def _claims(text: str) -> list[Mention]:
    out = []
    for m in _CLAIM.finditer(text):
        groups = _groups_before(text, m.start()) or (("litigation",) if "败诉" in m.group(0) else ())
        if groups:
            what = "maintained" if m.group("maintained") else "corrected"
            out.append(Mention(f"claim:{what}:{'+'.join(groups)}", 0, m.group(0), m.start(), detail=m.group(0)))
    for m in _NONE.finditer(text):
        if "诉讼" in m.group("gap") or "复议" in m.group("gap"):
            continue
        groups = tuple(dict.fromkeys(_GROUP_WORDS[w] for w in (m.group("a"), m.group("b")) if w))
        out.append(Mention(f"claim:none:{'+'.join(sorted(groups, key=['review', 'litigation'].index))}", 0,
                           m.group(0), m.start()))
    return out


def _groups_before(text: str, pos: int) -> tuple[str, ...]:
    """The 表四 groups a claim speaks of: the case words of the nearest clause before it, in its sentence."""
    sentence_start = max(text.rfind(ch, 0, pos) for ch in "。；;\n") + 1
    clauses = _CLAUSE.split(text[sentence_start:pos])
    for clause in reversed(clauses):
        found = {g for w, g in _GROUP_WORDS.items() if w in clause}
        if found:
            return tuple(g for g in ("review", "litigation") if g in found)
    return ()
