"""Figures of 表二 the text quotes, shares (“…件，占X%”) and claims (“均获维持”, “零败诉”, “均已办结”).

Part of ``statements.read_statements``, over its normalised text: parsed once per text change.
"""

from __future__ import annotations

import re

from .mentions import Mention
from .numerals import DECIMAL, NUMBER, read_decimal, read_number

_SENTENCE = re.compile(r"[^。；;\n]+")
_COUNT = re.compile(rf"(?P<n>{NUMBER})[^\S\n]*(?:件|个)")
# 表二（一）: what the document is, and what was done with it (official-format §1.8 X-5, evaluators E8)
_SUBJECT = re.compile(r"规章(?!制度)|(?:行政)?规范性文件")
_VERBS = {"制发": "issued", "印发": "issued", "出台": "issued", "新增公开": "issued", "新增": "issued",
          "新制定": "issued", "新制发": "issued", "制定发布": "issued", "新发布": "issued", "制定出台": "issued",
          "废止": "repealed", "宣布失效": "repealed", "清理废止": "repealed",
          "现行有效": "valid", "继续有效": "valid", "保留": "valid"}
_VERB = re.compile("|".join(sorted(_VERBS, key=len, reverse=True)))
# A count whose clause is its verb alone takes the sentence's document (“…规范性文件2件，废止1件，现行有效件数8件”)
_VERB_ONLY = re.compile(rf"(?:含|其中|共|全年|本年)*(?P<v>{_VERB.pattern})(?:的)?(?:文件)?(?:件数|数量|数)?(?:为|共)?")
# A verb and its document name are read together only across a few plain words (“制发市政府规章”); any
# other action between them (“制发规章1件，清理规范性文件120件”) starts a new phrase.
_OTHER_ACTION = re.compile(r"清理(?!废止)|修订|修改|审查|审核|备案|报备|解读|评估|起草|(?<!新增)公开|(?<!新|定)发布")
_DECISION = re.compile(r"行政(?P<what>许可|处罚|强制)")
_DECISION_COUNT = re.compile(rf"(?P<gap>[^,，。；;:：\d]{{0,12}}?)(?:(?:19|20)\d\d年(?:度)?)?"
                             rf"(?P<gap2>[^,，。；;:：\d]{{0,8}}?)(?P<n>{NUMBER})(?:件|项|个|宗)")
_DECISION_ROWS = {"许可": "license", "处罚": "penalty", "强制": "coercion"}
_FEE = re.compile(rf"行政事业性收费(?:金额|总额)?(?:为|共|共计|合计)?(?P<approx>约|近)?"
                  rf"(?P<n>{DECIMAL})(?P<unit>万元|元)")
# “予以公开1362件，占43.67%” / “（占比43.7%）” / “占办结总数的43.67%” / “862件（82.4%）” / “比例为” (evaluators E1)
_SHARE = re.compile(rf"(?P<n>{NUMBER})[^\S\n]*(?:件|条|个|项|份)(?:的)?[^\S\n]*[，,（(、]?[^\S\n]*"
                    rf"(?:占(?P<base>[^\d%％。；;，,（）()\n]{{0,14}}?)(?:的)?(?:比例)?(?:为|是)?|比例为|比重为)?"
                    rf"(?P<p>{DECIMAL})[^\S\n]*[%％]")
# “均获维持”, “零败诉”… and “未发生…行政复议、行政诉讼” (evaluators E5); “均已审结” against 尚未审结
_CLAIM = re.compile(r"(?P<maintained>均(?:获|被|予|得到)?(?:以)?维持|全部(?:获得?|予以|被)?维持)"
                    r"|(?P<corrected>(?:均|全部)?(?:未被|无被|没有被|无一被)纠错|零纠错|无纠错|零败诉|无败诉|未败诉|无一败诉)"
                    r"|(?P<closed>均已(?:结案|审结)|已全部(?:结案|审结)|全部(?:结案|审结))")
# “均已办理完毕”, “全部办结” of the applications against 结转下年度
_ALL_DONE = re.compile(r"(?:均已|均|全部|已全部|均按时|均按期|全部按时|全部按期)(?:办结|办理完毕|办理完成)")
_NONE = re.compile(r"(?:未发生|没有发生|未出现|无)(?P<gap>[^，,。；;\d\n]{0,16}?)行政(?P<a>复议|诉讼)(?:案件)?"
                   r"(?:(?:[、和及或与])(?:被)?(?:提起)?(?:行政)?(?P<b>复议|诉讼))?"
                   r"(?![^，,。；;\n]*?(?:纠错|纠正|败诉|维持))")
_CLAUSE = re.compile(r"[，,]")
_GROUP_WORDS = {"复议": "review", "诉讼": "litigation", "起诉": "litigation", "应诉": "litigation"}


def find(text: str) -> list[Mention]:
    """The 表二 figures, shares and claims of a normalised text (``statements.normalise``)."""
    out: list[Mention] = []
    for sentence in _SENTENCE.finditer(text):
        out += _active_counts(text, sentence.start(), sentence.end())
        out += _decisions(text, sentence.start(), sentence.end())
    for m in _FEE.finditer(text):
        amount, written = read_decimal(m.group("n")), m.group("n")
        if m.group("unit") == "元":  # “收费0元”, “4710元”: the table is in 万元
            amount, written = amount / 10000, f"元|{written}"
        out.append(Mention("active:admin_fee.amount_wanyuan", amount, m.group(0), m.start(), (m.span("n"),),
                           detail=written, approx=bool(m.group("approx"))))
    for m in _SHARE.finditer(text):
        n = read_number(m.group("n"))
        if n is not None:
            out.append(Mention("share", n, m.group(0), m.start(), (m.span("n"), m.span("p")),
                               (read_decimal(m.group("p")),), detail=f"{m.group('base') or ''}|{m.group('p')}"))
    out += _claims(text)
    return out


def _decisions(text: str, start: int, end: int) -> list[Mention]:
    """行政许可/处罚/强制 decisions: “行政许可处理决定46209件”, “行政许可2022年处理决定数量450项、行政处罚2项”.
    The count needs 决定 in its words, or a decision counted before it in the sentence; “行政许可事项128条” is
    not one."""
    out, decided = [], False
    for m in _DECISION.finditer(text, start, end):
        c = _DECISION_COUNT.match(text, m.end(), end)
        if c is None:
            continue
        words = c.group("gap") + c.group("gap2")
        if "决定" in words:
            decided = True
        elif not (decided and not words.strip("共为计")):
            continue
        n = read_number(c.group("n"))
        if n is not None:
            out.append(Mention(f"active:{_DECISION_ROWS[m.group('what')]}.decisions", n, text[m.start():c.end()],
                               m.start(), (c.span("n"),)))
    return out


def _active_counts(text: str, start: int, end: int) -> list[Mention]:
    """Counts of 规章 and 规范性文件 in one sentence; a count without its own verb or document name takes the
    previous one's (“制发规章1件、行政规范性文件3件”, “制发行政规范性文件2件，废止1件，现行有效8件”), and a verb
    alone takes the document the sentence last named (“规章13件（含新制定5件，废止4件）”)."""
    out = []
    verb = subject = None
    named = None  # the document the sentence last named, read or not
    head_start = start
    for m in _COUNT.finditer(text, start, end):
        head = text[head_start:m.start()]
        head_start = m.end()
        clause = re.split(r"[，,:：(（]", head)[-1]
        subjects, verbs = list(_SUBJECT.finditer(clause)), list(_VERB.finditer(clause))
        plain = clause.lstrip("、和及与以 ")
        new_subject = new_verb = None
        only_verb = _VERB_ONLY.fullmatch(plain)
        if subjects and verbs:
            s, v = subjects[-1], verbs[-1]
            between = clause[v.end():s.start()] if v.start() < s.start() else clause[s.end():v.start()]
            if len(between) <= (10 if v.start() < s.start() else 4) and not _OTHER_ACTION.search(between) \
                    and not clause[max(s.end(), v.end()):].strip():
                new_subject, new_verb = s.group(0), _VERBS[v.group(0)]
        elif subjects and verb is not None and _SUBJECT.fullmatch(plain.removeprefix("市政府").strip()):
            new_subject, new_verb = subjects[-1].group(0), verb  # “、行政规范性文件3件”
        elif only_verb and (subject or named) is not None:
            new_subject, new_verb = subject or named, _VERBS[only_verb.group("v")]  # “，废止1件”
        if subjects:
            named = subjects[-1].group(0)
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
            what = "maintained" if m.group("maintained") else "corrected" if m.group("corrected") else "closed"
            out.append(Mention(f"claim:{what}:{'+'.join(groups)}", 0, m.group(0), m.start(), detail=m.group(0)))
    for m in _ALL_DONE.finditer(text):
        sentence = text[max(text.rfind(ch, 0, m.start()) for ch in "。；;\n") + 1:m.start()]
        # “除2件结转下年办理外，均…办结” says so itself; a claim about cases is 表四's
        if "除" in sentence or _groups_before(text, m.start()):
            continue
        out.append(Mention("claim:done", 0, m.group(0), m.start(), detail=m.group(0)))
    for m in _NONE.finditer(text):
        if "诉讼" in m.group("gap") or "复议" in m.group("gap"):
            continue
        groups = tuple(dict.fromkeys(_GROUP_WORDS[w] for w in (m.group("a"), m.group("b")) if w))
        out.append(Mention(f"claim:none:{'+'.join(sorted(groups, key=['review', 'litigation'].index))}", 0,
                           m.group(0), m.start()))
    return out


def _groups_before(text: str, pos: int) -> tuple[str, ...]:
    """The 表四 groups a claim speaks of: the case words of the nearest clause before it, in its sentence, with
    every group that clause lists (“行政复议2件、行政诉讼1件，均获维持”)."""
    sentence_start = max(text.rfind(ch, 0, pos) for ch in "。；;\n") + 1
    clauses = _CLAUSE.split(text[sentence_start:pos])
    for clause in reversed(clauses):
        found = {g for w, g in _GROUP_WORDS.items() if w in clause}
        if found:
            return tuple(g for g in ("review", "litigation") if g in found)
    return ()
