"""Accepted exceptions: the gaps a planning team knows of, why, who owns them and until when.

A register is a YAML file a planner writes (``cascade baseline init`` starts
one from today's findings)::

    exceptions:
      - kind: orphans            # a --fail-on kind
        id: PB-019
        reason: proses pendukung, dipetakan ulang pada perubahan RPJMD
        owner: Bagian Organisasi
        until: 2027-06-30        # YYYY-MM-DD; empty: no end date

Against the findings of a dataset, each entry is **accepted** (its finding is
present and ``until`` has not passed), **expired** (present, ``until``
passed: it trips the gate again) or **stale** (the finding is gone: remove
the entry). Findings are matched by (kind, element id).

>>> reg = parse_register("exceptions:\\n- {kind: orphans, id: P1, until: 2027-01-01}\\n"
...                      "- {kind: orphans, id: P9}\\n", "reg.yaml")
>>> s = reg.status({"orphans": {"P1", "P2"}}, as_of=date(2027, 3, 1))
>>> s.expired, s.stale, s.unaccepted
([('orphans', 'P1')], [('orphans', 'P9')], [('orphans', 'P1'), ('orphans', 'P2')])
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable

from .errors import UsageError
from .gates import KIND_NAMES, KINDS, gaps_of, kind_named
from .outfiles import write_text_atomically

__all__ = ["Entry", "Register", "RegisterError", "Status", "parse_register", "read_register", "write_register",
           "current_findings", "split", "split_checked"]

_FIELDS = ("kind", "id", "reason", "owner", "until")


class RegisterError(UsageError):
    """A register that cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class Entry:
    """One accepted exception."""

    kind: str
    id: str
    reason: str = ""
    owner: str = ""
    until: date | None = None
    line: int | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.id)

    def expired(self, as_of: date) -> bool:
        return self.until is not None and as_of > self.until

    def to_dict(self) -> dict:
        return {"kind": self.kind, "id": self.id, "reason": self.reason, "owner": self.owner,
                "until": self.until.isoformat() if self.until else None}


@dataclass(frozen=True)
class Status:
    """A register against today's findings: each list of (kind, id), sorted."""

    accepted: list[tuple[str, str]]
    expired: list[tuple[str, str]]
    stale: list[tuple[str, str]]
    unaccepted: list[tuple[str, str]]

    def to_dict(self) -> dict:
        return {name: [list(key) for key in getattr(self, name)] for name in ("accepted", "expired", "stale", "unaccepted")}


@dataclass(frozen=True)
class Register:
    """The entries of one register file, by (kind, id)."""

    path: str
    entries: dict[tuple[str, str], Entry]

    def entry(self, kind: str, element_id: str) -> Entry | None:
        return self.entries.get((kind, element_id))

    def accepts(self, kind: str, element_id: str, as_of: date) -> Entry | None:
        """The entry that accepts this finding today, if any (an expired one does not)."""
        e = self.entries.get((kind, element_id))
        return e if e is not None and not e.expired(as_of) else None

    def status(self, found: dict[str, Iterable[str]], as_of: date | None = None) -> Status:
        """Each entry accepted, expired or stale against ``found`` (kind → element ids), and the unaccepted findings."""
        as_of = as_of or date.today()
        present = {(kind, i) for kind, ids in found.items() for i in ids}
        accepted, expired, stale = [], [], []
        for key, e in self.entries.items():
            if key not in present:
                stale.append(key)
            else:
                (expired if e.expired(as_of) else accepted).append(key)
        return Status(sorted(accepted), sorted(expired), sorted(stale), sorted(present - set(accepted)))


def _date(value, where: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise RegisterError(f"{where}: until {value!r} is not a date; write it as YYYY-MM-DD (e.g. 2027-06-30)") from None


def parse_register(text: str, where: str) -> Register:
    """A register from its YAML text; :class:`RegisterError` naming ``where`` and the line otherwise."""
    from .yamltext import yaml_with_lines

    data, lines = yaml_with_lines(text, where, RegisterError)
    if not isinstance(data, dict) or not isinstance(data.get("exceptions", []), list) or set(data) - {"exceptions"}:
        raise RegisterError(f"{where}, line 1: a register is a mapping with one key, exceptions: a list of "
                            f"entries ({', '.join(_FIELDS)})")
    entries: dict[tuple[str, str], Entry] = {}
    for n, item in enumerate(data.get("exceptions") or []):
        line = lines.get(("exceptions", n))
        at = f"{where}, line {line}"
        if not isinstance(item, dict):
            raise RegisterError(f"{at}: an entry is a mapping of {', '.join(_FIELDS)}")
        unknown = sorted(set(map(str, item)) - set(_FIELDS))
        if unknown:
            raise RegisterError(f"{at}: unknown field {unknown[0]!r}; an entry has {', '.join(_FIELDS)}")
        for required in ("kind", "id"):
            if item.get(required) in (None, ""):
                raise RegisterError(f"{at}: the entry has no {required}")
        try:
            kind = kind_named(str(item["kind"])).name
        except ValueError as exc:
            raise RegisterError(f"{at}: {exc}") from None
        entry = Entry(kind, str(item["id"]).strip(), str(item.get("reason") or "").strip(),
                      str(item.get("owner") or "").strip(), _date(item.get("until"), at), line)
        if entry.key in entries:
            raise RegisterError(f"{at}: {kind} {entry.id} is already listed at line {entries[entry.key].line}")
        entries[entry.key] = entry
    return Register(where, entries)


def read_register(path: "str | Path") -> Register:
    """The register at ``path``; :class:`RegisterError` (with the line) when it is malformed."""
    from .yamltext import settings_text

    text = settings_text(path, "the register", RegisterError,
                         f"no such register file (cascade baseline init SOURCE --out {path} writes one)")
    return parse_register(text, str(path))


def current_findings(store) -> dict[str, list[str]]:
    """Every finding of ``store`` by kind name, as element ids (what a register is matched against)."""
    found: dict[str, list[str]] = {k: [g.id for g in gaps] for k, gaps in gaps_of(store).items()}
    codes = {k.code: k.name for k in KINDS if k.code}
    for f in store.check():
        if f.code in codes and f.element:
            found.setdefault(codes[f.code], []).append(f.element)
    return {k: sorted(set(found.get(k, ()))) for k in KIND_NAMES}


_HEAD = """\
# cascade accepted exceptions (cascade baseline status checks it; --baseline FILE applies it)
# For each gap the team accepts, write why (reason), who follows it up (owner) and until when
# (until: YYYY-MM-DD; past that date it trips the --fail-on gate again). Delete the entries
# that are not accepted. Kinds are those of --fail-on; an entry is matched by kind and id.
"""


def write_register(found: dict[str, list[str]], path: "str | Path", source: str | None = None) -> Path:
    """A register with one entry per finding (reason, owner, until empty, to fill in); an existing file is
    never overwritten (:class:`RegisterError`)."""
    import yaml

    path = Path(path)
    entries = [{"kind": kind, "id": i, "reason": "", "owner": "", "until": ""} for kind, ids in found.items() for i in ids]
    head = _HEAD + (f"# From the findings of {source} on {date.today().isoformat()}.\n" if source else "")
    body = yaml.safe_dump({"exceptions": entries}, allow_unicode=True, sort_keys=False, default_flow_style=False)
    if os.path.lexists(path):   # a register someone filled in is never overwritten
        raise RegisterError(f"{path} exists: cascade never overwrites a register; choose another --out")
    return write_text_atomically(path, head + body)


def split(kind: str, items: list, register: "Register | None", as_of: date | None = None) -> tuple[list, list, list]:
    """A kind's findings (gaps or check findings) as (open, accepted, expired): open holds every
    finding not accepted (the expired ones included); accepted and expired pair each with its entry."""
    if register is None:
        return items, [], []
    from .gates import subject

    as_of = as_of or date.today()
    open_, accepted, expired = [], [], []
    for item in items:
        e = register.entry(kind, subject(item))
        if e is not None and not e.expired(as_of):
            accepted.append((item, e))
            continue
        open_.append(item)
        if e is not None:
            expired.append((item, e))
    return open_, accepted, expired


def split_checked(findings: Iterable, register: "Register | None", as_of: date | None = None) -> tuple[list, list]:
    """Structural findings (``check``) as (open, accepted): each accepted one as (kind, finding, entry);
    findings of no gate kind (read errors and notices) stay open."""
    if register is None:
        return list(findings), []
    as_of = as_of or date.today()
    kinds = {k.code: k.name for k in KINDS if k.code}
    open_, accepted = [], []
    for f in findings:
        e = register.accepts(kinds[f.code], f.element, as_of) if f.code in kinds and f.element else None
        if e is None:
            open_.append(f)
        else:
            accepted.append((kinds[f.code], f, e))
    return open_, accepted
