"""Budget codes of Permendagri 90/2019: the code says the level, its prefix says the parent.

``1.02.02.2.02.0001`` is urusan ``1`` . bidang ``02`` . program ``02`` .
kegiatan ``2.02`` . sub kegiatan ``0001``. Urusan and bidang classify programs
but are no levels of the cascade (they become attributes); older data writes
sub kegiatan with two digits. In a T-C.27 table the same code is split over
five columns, and how many are filled gives the level.

>>> code_level("1.02.02.2.02.0001"), code_level("1.02.02"), code_level("1.02")
('sub kegiatan', 'program', 'bidang')
>>> code_parent("1.02.02.2.02.0001"), code_parent("1.02.02.2.02"), code_parent("1.02.02")
('1.02.02.2.02', '1.02.02', '1.02')
>>> join_code(["1", "02", "02", "2.02", "1"])
'1.02.02.2.02.1'
"""

from __future__ import annotations

import re

__all__ = ["BUDGET_CODE", "code_level", "code_parent", "join_code", "LEVEL_BY_PARTS"]

#: A Permendagri 90/2019 code: 1 to 6 dot-separated groups of digits.
BUDGET_CODE = re.compile(r"\d{1,2}(?:\.\d{1,4}){0,5}\Z")
#: How many groups each kind of code has.
LEVEL_BY_PARTS = {1: "urusan", 2: "bidang", 3: "program", 5: "kegiatan", 6: "sub kegiatan"}
_PARENT_PARTS = {2: 1, 3: 2, 5: 3, 6: 5}


def _parts(code: str) -> list[str]:
    return code.replace(",", ".").split(".")


def code_level(code: str) -> str | None:
    """What a budget code names (``urusan``, ``bidang``, ``program``, ``kegiatan``, ``sub kegiatan``)."""
    if not BUDGET_CODE.match(code.replace(",", ".")):
        return None
    return LEVEL_BY_PARTS.get(len(_parts(code)))


def code_parent(code: str) -> str | None:
    """The code one step up (a sub kegiatan's kegiatan, a kegiatan's program, …), or None for an urusan."""
    parts = _parts(code)
    keep = _PARENT_PARTS.get(len(parts))
    return ".".join(parts[:keep]) if keep else None


def join_code(cells: list[str]) -> str:
    """The parts of a code split over columns, joined (``2,01`` typed in an Indonesian locale is ``2.01``)."""
    return ".".join(c.replace(",", ".").strip() for c in cells if c and c.strip())
