"""One spelling for the sentences the statements are read from, and the way back to the officer's text.

Reports reach us typed, pasted from a web page or mirrored with traditional characters and pinyin inserted
(“執(zhí)行”), with full-width digits, spaces around a number (“申请 1 件”), quotation marks around a
group (“予以公开”3件) and stray markup (**, <b>). The grammar reads one form of all of them; each character
of that form remembers where it stood, so a quoted phrase and a fix of the text address the original.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

# Traditional characters that occur in 年报 wording, each followed by the simplified one the lexicon is written in
_TRADITIONAL_PAIRS = (
    "請请開开結结轉转辦办計计業业屬属費费萬万約约數数處处執执環环確确規规範范個个項项條条複复議议訟讼訴诉與与應应統统關关機机構构國国務务會会報报動动態态並并實实據据從从為为無无當当時时經经達达產产權权濟济"
    "發发揮挥廳厅內内協协調调準准間间題题對对場场現现礙碍網网頁页絡络郵邮遞递傳传麵面書书審审閱阅覽览歸归檔档類类別别錄录衛卫險险養养農农醫医療疗護护嚴严謹谨證证維维糾纠撤撤銷销駁驳續续決决總总區区縣县鎮镇"
    "鄉乡監监導导責责舉举訪访響响罰罚強强許许專专門门戶户聯联係系員员參参辯辩補补選选礎础評评價价稱称問问詢询纔才屆届週周備备錯错誤误齊齐頒颁佈布號号廢废撥拨給给歷历億亿餘余來来將将後后較较遠远進进這这麼么"
    "樣样沒没寫写爲为於于獲获應应態态訊讯齣出資资訊讯窗窗館馆檢检查查")
_FULL_WIDTH = "０１２３４５６７８９％．，；：（）！？"
_HALF_WIDTH = "0123456789%.,;:()!?"
_FOLD = str.maketrans(_TRADITIONAL_PAIRS[0::2] + _FULL_WIDTH, _TRADITIONAL_PAIRS[1::2] + _HALF_WIDTH)
# Dropped: spaces (never a newline: it ends a paragraph), quotation and title marks, markup, and the pinyin a
# mirror inserts after a character (“業(yè)”). Pinyin is lower-case with tone marks only, so “(1件…)” stays.
_DROP = re.compile(r"[^\S\n]+|[“”‘’\"'「」『』《》〈〉*_`#]+|<[^<>\n]{1,40}>|&nbsp;"
                   r"|\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")


class Normalised(NamedTuple):
    text: str  # the sentence form the grammar reads
    starts: tuple[int, ...]  # where each kept run of characters begins in ``text``…
    origins: tuple[int, ...]  # …and where it began in the original

    def origin(self, i: int) -> int:
        """Where character ``i`` of the normalised text stands in the original (its end for ``len``)."""
        k = bisect_right(self.starts, i) - 1
        return self.origins[k] + i - self.starts[k]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of ``text[start:end]`` (``end`` exclusive, never empty when the input is not)."""
        return self.origin(start), self.origin(end - 1) + 1 if end > start else self.origin(start)


def normalise(original: str) -> Normalised:
    folded = original.translate(_FOLD)
    parts, starts, origins = [], [], []
    at = out = 0
    for m in _DROP.finditer(folded):
        if m.start() > at:
            parts.append(folded[at:m.start()])
            starts.append(out)
            origins.append(at)
            out += m.start() - at
        at = m.end()
    parts.append(folded[at:])
    starts.append(out)
    origins.append(at)
    return Normalised("".join(parts), tuple(starts), tuple(origins))
