"""The words a count is said with: each phrase names a cell (or a kind of cell), a verb, or nothing we check.

A phrase maps to a tag the grammar combines (``grammar``):

- a **cell word** names what the count is: ``new`` (新收), ``carried``, ``carry_next``, ``row:<row>`` (one row
  of 表三), ``group:<kind>`` (a result group), ``t4:<group>`` (复议, 诉讼, both), ``col:<col>`` (a 表四 result),
  ``applicant:<col>`` (自然人, 法人或其他组织…), ``other`` and ``withdrawn`` (their table decided by the
  sentence);
- a **stop word** says the count is of something no cell holds: a channel (信函, 网上), a change on last year,
  consultations, documents published (主动公开);
- ``done`` (办结, 答复), ``receive`` (收到, 受理), ``handle`` (办理, 处理) are verbs, ``noun`` / ``noun_weak``
  the application itself (政府信息公开申请 / 申请); ``generic`` absorbs “公民、法人和其他组织”, which names
  every applicant, not one column.

The sub-rows of 不予公开, 无法提供, 不予处理 and 其他处理 are matched by their labels in the format, without
their numbering, and by the shorter words reports use for them.
"""

from __future__ import annotations

import re
from functools import cache

from ...formatdef import load_format

_YEAR = r"(?:19|20)\d\d年(?:度)?"
_NEXT_YEAR = r"(?:下一?个?年度?|次年度?|下一年度|来年)"
# The order matters where two phrases start at the same character: the longer, more specific one comes first.
_PHRASES: list[tuple[str, str]] = [
    # every applicant at once, not one column
    (r"公民、?(?:法人)?(?:、|和|或|及|或者)?(?:其他)?(?:社会)?组织", "generic"),
    (r"公民、?法人", "generic"),
    # 上年结转 and 结转下年度, in their word orders and slips (“转结”, evaluators §5 item 3)
    (rf"(?:结转|转结|顺延|转入|转)(?:至|到|入)?{_NEXT_YEAR}", "carry_next"),
    (rf"(?:结转|转结|顺延)(?:至|到)?{_YEAR}", "carry_next"),
    (r"正在办理(?:中|过程中)|尚在办理", "carry_next"),
    (r"(?:上一?年度?|去年|往年)(?:度)?(?:结转|转结|转入)(?:的)?", "carried"),
    (rf"{_YEAR}(?:结转|转结)(?!(?:至|到)?下)(?:的)?", "carried"),
    (r"(?:结转|转结)上一?年度?", "carried"),
    (r"新收(?:到)?|新受理|新接收", "new"),
    # 表四
    (r"(?:行政)?复议(?:和|、|及|与|或|或者)(?:行政)?诉讼|复议诉讼|行政争议|相关案件", "t4:cases"),
    (r"未经复议直接(?:提起)?(?:行政)?(?:起诉|诉讼)", "t4:lit_direct"),
    (r"复议后(?:提起)?(?:行政)?(?:起诉|诉讼)", "t4:lit_after"),
    (r"复议决定|判决|裁定|复议机关|复议申请人", "block"),
    (r"撤销复议申请|撤回复议申请|撤回起诉|撤诉", "col:other"),
    (r"(?:行政)?复议", "t4:review"),
    (r"(?:行政)?诉讼|(?:提起|被)起诉|应诉", "t4:litigation"),
    (r"(?:结果)?维持(?:原)?(?:结果|决定)?", "col:maintained"),
    (r"(?:结果)?(?:纠正|纠错|被撤销|确认违法|被改变)", "col:corrected"),
    (r"其他结果", "col:other"),
    (r"尚未审结|未审结|正在审理|审理中", "col:pending"),
    # 表三's result groups (evaluators E2) and their synonyms
    (r"(?:予以|同意)公开(?:和|及|与|、|或|以及)(?:予以)?部分公开", "group:granted_partial"),
    (r"不予公开|不公开", "group:deny"),
    (r"予以公开|同意公开|全部公开", "group:granted"),
    (r"部分公开", "group:partial"),
    (r"无法提供", "group:na"),
    (r"不予处理", "group:np"),
    (r"其他处理", "group:oth"),
    (r"信息不存在|未制作(?:,也未(?:获取|保存))?|(?:本机关|本单位|本局|本办|本委|我局|我办|我委)?不掌握",
     "row:na_not_held"),
    (r"需(?:要)?另行制作|没有现成信息", "row:na_need_make"),
    (r"(?:申请)?内容(?:仍)?不明确", "row:na_unclear"),
    (r"信访|投诉|举报|不作为政府信息公开申请处理", "row:np_petition"),
    (r"重复申请", "row:np_repeat"),
    (r"公开出版物", "row:np_publication"),
    (r"大量反复申请|反复申请", "row:np_massive"),
    (r"确认或重新出具", "row:np_confirm"),
    (r"(?:逾期)?(?:未|不)补正|不再处理其政府信息公开申请", "row:oth_no_fix"),
    (r"(?:逾期)?(?:未|不)(?:按收费通知(?:要求)?)?缴纳费用", "row:oth_no_fee"),
    (r"国家秘密", "row:deny_secret"),
    (r"法律(?:、)?行政法规禁止", "row:deny_law"),
    (r"三安全一稳定|危及(?:国家安全|经济安全|公共安全|社会稳定)|涉及(?:国家|经济|公共)安全", "row:deny_3s1w"),
    (r"第三方合法权益|第三方", "row:deny_third"),
    (r"内部事务", "row:deny_internal"),
    (r"过程性", "row:deny_process"),
    (r"行政执法案卷", "row:deny_casefile"),
    (r"行政查询事项", "row:deny_query"),
    (r"(?:主动|自行|自愿)?撤回(?:申请)?|撤销申请|自主撤销", "withdrawn"),
    (r"其他(?:的)?(?=\d|[一二两三四五六七八九十])", "other"),
    # the applicant columns of 表三 (以上年, a column's sum: evaluators E3)
    (r"法人(?:或|和|及|或者)?(?:其他)?组织", "applicant:orgs"),
    (r"自然人|公民个人", "applicant:natural"),
    (r"商业企业", "applicant:commercial"),
    (r"科研机构", "applicant:research"),
    (r"社会公益组织", "applicant:social"),
    (r"法律服务机构|律师事务所", "applicant:legal"),
    # no cell holds these: how an application came in, a change, a consultation, a document published
    (r"网上|网站|网络|在线|信函|来信|邮寄|快递|当面|现场|传真|电子邮件|邮件|窗口|平台", "channel"),
    (r"同比|较上一?年度?|比上一?年度?|增加|增长|减少|下降|上升", "block"),
    (r"咨询|人次|来电|电话|留言|批复|公告|解读|审批|备案", "block"),
    (r"主动公开|主动发布|公开发布|制发|发布", "publish"),
    (r"行政许可|行政处罚|行政强制|行政事业性收费", "block"),
    (r"办理结果|处理结果|答复率|办结率", "block"),
    # verbs and the application
    (r"已办理|已答复|已回复|已完成|办理完毕|办理完成|办结|答复|回复|作出答复", "done"),
    (r"收到|受理|接收(?:到)?|接到|接受|收悉", "receive"),
    (r"办理|处理", "handle"),
    (r"(?:政府)?信息公开申请|申请公开|依申请公开|依申请|公开申请|申请书|申请件", "noun"),
    (r"申请", "noun_weak"),
    (r"合计|共计|总计", "total_word"),
]


@cache
def phrases() -> re.Pattern[str]:
    """One pattern of every phrase, a named group per tag; sub-rows also by their label in the format."""
    labelled = []
    for row in load_format().tables["applications"].rows:
        if row.id.startswith(("deny_", "na_", "np_", "oth_")) and row.id != "oth_other":
            label = re.sub(r"^\d+\.|[“”]", "", row.label).removeprefix("属于")
            labelled.append((re.escape(label), f"row:{row.id}"))
    alternatives, tags = [], {}
    for i, (pattern, tag) in enumerate(labelled + _PHRASES):
        alternatives.append(f"(?P<g{i}>{pattern})")
        tags[f"g{i}"] = tag
    pattern = re.compile("|".join(alternatives))
    _TAGS.update(tags)
    return pattern


_TAGS: dict[str, str] = {}


def tag_of(m: re.Match[str]) -> str:
    return _TAGS[m.lastgroup]
