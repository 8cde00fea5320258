"""The one registry of rule functions: each family module registers its rules here on import.

A rule function takes the ``LiveChecks`` and yields findings; it is registered with the parts of the report
it reads ("table:<id>", "text", "text:<key>", "body"), and ``LiveChecks`` re-runs it only when one of them
changes. Both the live checks and ``check_report`` read this registry, so they run the same rules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .engine import Finding, LiveChecks

Rule = Callable[["LiveChecks"], Iterable["Finding"]]
GROUPS: dict[str, tuple[frozenset[str], Rule]] = {}


def rule_group(*deps: str):
    """Register a rule function under its name, re-run when any of ``deps`` changes."""
    def register(fn: Rule) -> Rule:
        add(fn.__name__, deps, fn)
        return fn
    return register


def add(name: str, deps: Iterable[str], fn: Rule) -> None:
    if name in GROUPS:
        raise ValueError(f"rule group {name} registered twice")
    GROUPS[name] = (frozenset(deps), fn)
