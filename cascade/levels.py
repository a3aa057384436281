"""The planning levels of a cascade — the one place levels are defined.

Everything else in cascade asks this module for a level's name, Cypher label,
position or aliases; nothing else spells a level.

>>> level("Proses Bisnis").name
'process'
>>> level("strategi") < level("program")
True
>>> [lv.label for lv in LEVELS][:3]
['Vision', 'Mission', 'Goal']
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Level", "LEVELS", "level", "find_level", "UnknownLevel", "names"]


@dataclass(frozen=True, order=True)
class Level:
    """One rung of the cascade: ordered by ``index`` (0 = vision, the top)."""

    index: int
    name: str = field(compare=False)
    label: str = field(compare=False)
    aliases: tuple[str, ...] = field(compare=False, default=())

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return f"Level({self.name!r})"


LEVELS: tuple[Level, ...] = (
    Level(0, "vision", "Vision", ("visi",)),
    Level(1, "mission", "Mission", ("misi",)),
    Level(2, "goal", "Goal", ("tujuan",)),
    Level(3, "strategy", "Strategy", ("strategi",)),
    Level(4, "program", "Program", ("program",)),
    Level(5, "process", "Process", ("proses", "proses bisnis", "business process")),
    Level(6, "application", "Application", ("aplikasi", "app")),
)

VISION, MISSION, GOAL, STRATEGY, PROGRAM, PROCESS, APPLICATION = LEVELS


def _key(text: str) -> str:
    return " ".join(text.replace("_", " ").replace("-", " ").split()).casefold()


_BY_KEY: dict[str, Level] = {}
for _lv in LEVELS:
    for _alias in (_lv.name, _lv.label, *_lv.aliases):
        _BY_KEY[_key(_alias)] = _lv


class UnknownLevel(ValueError):
    """A name that is not a level or one of its aliases."""

    def __init__(self, text: str):
        super().__init__(f"unknown level {text!r}; expected one of: {', '.join(names())}")
        self.text = text


def find_level(text: str) -> Level | None:
    """The level named ``text`` (any alias, case and spacing ignored), or None."""
    return _BY_KEY.get(_key(str(text)))


def level(value: "str | int | Level") -> Level:
    """The level for a name, alias, index or Level; raises :class:`UnknownLevel`."""
    if isinstance(value, Level):
        return value
    if isinstance(value, int):
        if 0 <= value < len(LEVELS):
            return LEVELS[value]
        raise UnknownLevel(str(value))
    found = find_level(value)
    if found is None:
        raise UnknownLevel(value)
    return found


def names() -> list[str]:
    """The English level names, top to bottom."""
    return [lv.name for lv in LEVELS]
