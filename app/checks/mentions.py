"""Numbers the narrative text states about the tables, each with the kind of cell it is compared with.

Parsed once per text change and kept, so a keystroke in a grid only compares numbers. The reading itself is
in ``statements`` (a lexicon and a small grammar over a normalised sentence); ``narrative`` and
``narrative_active`` compare what it finds with the tables.
"""

from __future__ import annotations

from typing import NamedTuple

from ..cells import Number


class Mention(NamedTuple):
    kind: str
    number: Number  # the figure compared with the table
    quote: str
    start: int
    spans: tuple[tuple[int, int], ...] = ()  # where each figure stands in the text, for a fix of the text
    values: tuple[Number, ...] = ()  # further figures: the 答复 sentence's M and K, a share's percentage
    detail: str = ""  # a share's stated base, a claim's wording
    approx: bool = False  # “约”, “近”, “100余件”: never compared as if exact


def find_mentions(text: str) -> list[Mention]:
    from .statements import read_statements  # the grammar imports Mention from here

    return read_statements(text)
