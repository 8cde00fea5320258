"""Which stretches of a text part are last year's, for the side-by-side view of the text step (issue 23, item 15).

The same measure as the staleness rule S-9 (app/checks/staleness.py) so that what is shaded is what the share
in the warning counts: a character is shared when it lies in a run of ``run`` consecutive characters (spaces
ignored) that also occurs in the other text. A year or a number changed inside a copied sentence breaks the
shading there, so the officer sees at a glance what they have changed and what is still last year's.
"""

from __future__ import annotations

from typing import NamedTuple


class Shared(NamedTuple):
    spans: list[tuple[int, int]]  # [start, end) offsets into the text as typed, in order, not touching
    chars: int  # characters shared, spaces left out
    total: int  # characters of the text, spaces left out

    @property
    def percent(self) -> int:
        return round(100 * self.chars / self.total) if self.total else 0


def _letters(text: str) -> tuple[str, list[int]]:
    """The text without spaces, and where each of its characters stands in ``text``."""
    where = [i for i, ch in enumerate(text) if not ch.isspace()]
    return "".join(text[i] for i in where), where


def shared_spans(text: str, other: str, run: int) -> Shared:
    """The stretches of ``text`` that are also in ``other`` (runs of ``run`` characters, spaces ignored)."""
    norm, where = _letters(text)
    other_norm, _ = _letters(other)
    if not norm or not other_norm:
        return Shared([], 0, len(norm))
    covered = [False] * len(norm)
    if len(norm) < run:  # a short part counts as shared only when it is there whole
        if norm in other_norm:
            covered = [True] * len(norm)
    else:
        runs = {other_norm[i:i + run] for i in range(len(other_norm) - run + 1)}
        for i in range(len(norm) - run + 1):
            if norm[i:i + run] in runs:
                for j in range(i, i + run):
                    covered[j] = True
    spans: list[tuple[int, int]] = []
    start = None
    for k, is_shared in enumerate(covered + [False]):
        if is_shared and start is None:
            start = k
        elif not is_shared and start is not None:
            spans.append((where[start], where[k - 1] + 1))  # spaces inside a stretch are shaded with it
            start = None
    return Shared(spans, sum(covered), len(norm))
