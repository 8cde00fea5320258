"""Find and replace over the words of a report: 机关名称, the officer's own sub-headings, every text part, 落款.

Officers start this year's report from last year's and then have to change every "2024" to "2025" or an old
telephone number in a dozen parts; doing it by hand misses one. These functions find the matches and compute
the new texts; the UI applies them as one undo step.

Searched, in the order they are printed in the report: the body's name (it is in the title), for each text
section its parts' own sub-headings and texts, then the 落款. Not searched: the format's own sub-headings
(official wording, not the officer's), the 成文日期 and year (a date, not words: a replace could make them
invalid), the table cells (numbers) and last year's text (read-only). Matching is exact and case-sensitive,
non-overlapping, from left to right, as ``str.replace`` counts them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .report import Report

BODY_FIELDS = {"name": "机关名称", "signature": "落款"}


@dataclass(frozen=True)
class Place:
    """One field the officer writes words in: ``kind`` is "body" (``key`` a Body field), "heading" or "text"
    (``key`` a text key)."""

    kind: str
    key: str


@dataclass(frozen=True)
class Match:
    place: Place
    order: int  # the place's position in reading order (places(report).index(place))
    start: int  # offsets into the place's text (Python characters)
    end: int


def places(report: Report) -> list[Place]:
    """The searched fields in reading order (see the module docstring)."""
    found = [Place("body", "name")]
    for key in report.fmt.text_keys():
        if key in report.headings:  # only the officer's own wording of a sub-heading
            found.append(Place("heading", key))
        found.append(Place("text", key))
    found.append(Place("body", "signature"))
    return found


def place_text(report: Report, place: Place) -> str:
    if place.kind == "body":
        return getattr(report.body, place.key)
    if place.kind == "heading":
        return report.headings.get(place.key, "")
    return report.text(place.key)


def place_name(report: Report, place: Place) -> str:
    """The officer's name for a place: “机关名称”, “五、存在的主要问题及改进情况”, “…（四）平台建设的小标题”."""
    if place.kind == "body":
        return BODY_FIELDS[place.key]
    name = report.fmt.part_name(place.key)
    return f"{name}的小标题" if place.kind == "heading" else name


def _offsets(text: str, needle: str) -> list[int]:
    found, at = [], text.find(needle)
    while at >= 0:
        found.append(at)
        at = text.find(needle, at + len(needle))
    return found


def find_all(report: Report, needle: str) -> list[Match]:
    """Every match in reading order; none for an empty needle."""
    if not needle:
        return []
    return [Match(place, order, at, at + len(needle))
            for order, place in enumerate(places(report))
            for at in _offsets(place_text(report, place), needle)]


def find_next(report: Report, needle: str, after: tuple[int, int] | None = None) -> Match | None:
    """The first match that starts at or after ``after`` = (place order, offset), wrapping round to the first
    match of the report; None when there is none. ``after`` None starts at the top."""
    matches = find_all(report, needle)
    if not matches:
        return None
    if after is not None:
        for m in matches:
            if (m.order, m.start) >= after:
                return m
    return matches[0]


def still_there(report: Report, match: Match, needle: str) -> bool:
    """True when the text at the match is still the needle (it may have been edited since it was found)."""
    return bool(needle) and place_text(report, match.place)[match.start:match.end] == needle


def replace_one(report: Report, match: Match, needle: str, replacement: str) -> str | None:
    """The place's new text with this one match replaced; None when the match is no longer there."""
    if not still_there(report, match, needle):
        return None
    text = place_text(report, match.place)
    return text[:match.start] + replacement + text[match.end:]


@dataclass(frozen=True)
class Replacement:
    changes: list[tuple[Place, str]]  # each changed place with its new text, in reading order
    count: int  # how many matches were replaced


def replace_all(report: Report, needle: str, replacement: str) -> Replacement:
    """The new text of every place that holds the needle; nothing for an empty needle or when the
    replacement is the needle itself."""
    if not needle or replacement == needle:
        return Replacement([], 0)
    changes, count = [], 0
    for place in places(report):
        text = place_text(report, place)
        n = text.count(needle)
        if n:
            changes.append((place, text.replace(needle, replacement)))
            count += n
    return Replacement(changes, count)
