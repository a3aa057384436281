"""Level schemas — the one place a cascade's levels are defined.

A :class:`Schema` is an ordered list of :class:`Level` (top → bottom), each
with a machine name (JSON/CSV output, ``--level``), a Cypher label, a title
per language and aliases (sheet, file and column names; case, spaces,
``_`` and ``-`` ignored). A level may be *optional*: a link that skips only
optional levels is no level skip. The schema names the **roles** the
analyses default to: ``top`` (the vision), ``strategy`` (the strategic
anchor), ``process`` and ``application``.

Three presets ship (:data:`PRESETS`); a user's schema is a YAML or TOML file
with the same fields (:func:`load_schema`). Nothing else in cascade spells a
level name: it asks a schema.

>>> rpjmd = preset("rpjmd")
>>> rpjmd.level("Sub Kegiatan").name, rpjmd.level("sasaran").label
('sub_activity', 'Objective')
>>> rpjmd.level("strategi") < rpjmd.level("program")
True
>>> [lv.name for lv in rpjmd.between(rpjmd.level("sasaran"), rpjmd.level("program"))]
['strategy', 'policy']
>>> rpjmd.skips(rpjmd.level("sasaran"), rpjmd.level("program"))   # strategi, arah kebijakan: optional
False
>>> rpjmd.skips(rpjmd.level("sasaran"), rpjmd.level("kegiatan"))   # program is not
True
>>> DEFAULT.strategy.name, rpjmd.strategy.name, preset("pohon-kinerja").strategy.name
('strategy', 'objective', 'strategic')
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .errors import UsageError
from .yamltext import settings_text, yaml_with_lines

__all__ = [
    "Level", "Schema", "SchemaError", "UnknownLevel", "ROLES", "LANGS", "PRESETS", "DEFAULT", "LEVELS",
    "preset", "schema", "load_schema", "schema_from_dict", "level", "find_level", "names", "level_key",
]

#: The roles a schema names; analyses default to them.
ROLES = ("top", "strategy", "process", "application")
#: The languages a level has a title in (the first is the planners' own).
LANGS = ("id", "en")
_LABEL = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")
_NAME = re.compile(r"[a-z][a-z0-9_]*\Z")
_RESERVED_LABELS = frozenset({"Element", "Dataset", "DatasetVersion", "DatasetGuard"})


def level_key(text: object) -> str:
    """How a level's name or alias is compared: case, spaces, ``_`` and ``-`` ignored.

    >>> level_key("  Sub_Kegiatan ") == level_key("sub-kegiatan") == "sub kegiatan"
    True
    """
    return " ".join(str(text).replace("_", " ").replace("-", " ").split()).casefold()


@dataclass(frozen=True, order=True)
class Level:
    """One rung of a cascade, ordered by ``index`` (0 = the top) within its schema."""

    index: int
    name: str = field(compare=False)
    label: str = field(compare=False)
    aliases: tuple[str, ...] = field(compare=False, default=())
    titles: tuple[tuple[str, str], ...] = field(compare=False, default=())
    optional: bool = field(compare=False, default=False)

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return f"Level({self.name!r})"

    def title(self, lang: str = "id") -> str:
        """The level's name for people in ``lang`` (``Proses bisnis`` / ``Process``)."""
        if lang not in LANGS:
            raise UsageError(f"language must be one of {', '.join(LANGS)}")
        titles = dict(self.titles)
        return titles.get(lang) or titles.get("en") or self.name.replace("_", " ").capitalize()

    def to_dict(self) -> dict:
        return {"name": self.name, "label": self.label, "titles": dict(self.titles),
                "aliases": list(self.aliases), "optional": self.optional}


class UnknownLevel(UsageError):
    """A name that is not a level of the schema or one of its aliases."""

    def __init__(self, text: str, schema: "Schema | None" = None):
        schema = schema or DEFAULT
        hint = ""
        close = schema.closest(text)
        if close is not None:
            hint = f" (did you mean {close.name!r}?)"
        super().__init__(f"unknown level {text!r} in schema {schema.name!r}{hint}; expected one of: "
                         f"{', '.join(schema.names())} (or an alias: cascade levels --schema {schema.name})")
        self.text = text


class SchemaError(UsageError):
    """A level schema that cannot be used; the message names the file and, for YAML, the line."""


@dataclass(frozen=True, eq=False)
class Schema:
    """An ordered list of levels and the roles the analyses default to."""

    name: str
    levels: tuple[Level, ...]
    roles: tuple[tuple[str, str], ...]

    @cached_property
    def _by_key(self) -> dict[str, Level]:
        table: dict[str, Level] = {}
        for lv in self.levels:
            for alias in (lv.name, lv.label, *lv.aliases, *dict(lv.titles).values()):
                table.setdefault(level_key(alias), lv)
        return table

    @cached_property
    def _mandatory(self) -> tuple[int, ...]:
        return tuple(lv.index for lv in self.levels if not lv.optional)

    def __len__(self) -> int:
        return len(self.levels)

    def __iter__(self):
        return iter(self.levels)

    def __getitem__(self, index: int) -> Level:
        return self.levels[index]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Schema) and self.to_json() == other.to_json()

    def __hash__(self) -> int:
        return hash(self.to_json())

    def __repr__(self) -> str:
        return f"Schema({self.name!r}: {' → '.join(self.names())})"

    def find(self, text: object) -> Level | None:
        """The level named ``text`` (its name, label, a title or an alias), or None."""
        return self._by_key.get(level_key(text))

    def closest(self, text: object) -> Level | None:
        """The level whose name, label or alias ``text`` most likely misspells (``progam``), or None.

        >>> DEFAULT.closest("progam").name, DEFAULT.closest("Catatan")
        ('program', None)
        """
        from difflib import get_close_matches

        keys = {level_key(a): lv for lv in self.levels for a in (lv.name, lv.label, *lv.aliases)}
        close = get_close_matches(level_key(text), keys, n=1, cutoff=0.75)
        return keys[close[0]] if close else None

    def level(self, value: "str | int | Level") -> Level:
        """The level for a name, alias, index or Level; raises :class:`UnknownLevel`."""
        if isinstance(value, Level):
            if value.index < len(self.levels) and self.levels[value.index].name == value.name:
                return self.levels[value.index]
            value = value.name
        if isinstance(value, int) and not isinstance(value, bool):
            if 0 <= value < len(self.levels):
                return self.levels[value]
            raise UnknownLevel(str(value), self)
        found = self.find(value)
        if found is None:
            raise UnknownLevel(str(value), self)
        return found

    def role(self, role: str) -> Level:
        """The level that plays ``role`` (one of :data:`ROLES`)."""
        return self.levels[[lv.name for lv in self.levels].index(dict(self.roles)[role])]

    @property
    def top(self) -> Level:
        return self.role("top")

    @property
    def strategy(self) -> Level:
        return self.role("strategy")

    @property
    def process(self) -> Level:
        return self.role("process")

    @property
    def application(self) -> Level:
        return self.role("application")

    @property
    def bottom(self) -> Level:
        return self.levels[-1]

    def names(self) -> list[str]:
        """The machine names, top to bottom."""
        return [lv.name for lv in self.levels]

    def between(self, upper: Level, lower: Level) -> tuple[Level, ...]:
        """The levels strictly between two levels."""
        return self.levels[upper.index + 1 : lower.index]

    def skips(self, upper: Level, lower: Level) -> bool:
        """Whether a link ``upper → lower`` skips a level that is not optional."""
        return any(upper.index < i < lower.index for i in self._mandatory)

    def skipped(self, upper: Level, lower: Level) -> tuple[Level, ...]:
        """The levels that are not optional strictly between two levels: what a link between them skips."""
        return tuple(lv for lv in self.between(upper, lower) if not lv.optional)

    def mandatory(self) -> list[int]:
        """Indexes of the levels that are not optional (for Cypher)."""
        return list(self._mandatory)

    def to_dict(self) -> dict:
        return {"name": self.name, "levels": [lv.to_dict() for lv in self.levels], "roles": dict(self.roles)}

    def to_json(self) -> str:
        """The schema as stored with a dataset in Neo4j (and compared and hashed by: made once)."""
        return self._json

    @cached_property
    def _json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)


# -- building and validating ----------------------------------------------------


def schema_from_dict(data: object, where: str = "schema", lines: dict | None = None) -> Schema:
    """A validated :class:`Schema` from plain data (a preset, a parsed file, a stored dataset).

    ``lines`` maps a path such as ``("levels", 2, "label")`` to its line in the file,
    so errors can say where to look.
    """
    lines = lines or {}

    def fail(path: tuple, message: str):
        line = None
        for k in range(len(path), -1, -1):
            if path[:k] in lines:
                line = lines[path[:k]]
                break
        at = f"{where}, line {line}" if line else where
        field_ = ".".join(str(p) for p in path)
        raise SchemaError(f"{at}: {field_ + ': ' if field_ else ''}{message}")

    if not isinstance(data, dict):
        fail((), "a schema is a mapping with 'levels' (a list) and 'roles'")
    unknown = set(data) - {"name", "levels", "roles", "description"}
    if unknown:
        fail((sorted(map(str, unknown))[0],), "unknown field; a schema has name, description, levels and roles")
    raw_levels = data.get("levels")
    if not isinstance(raw_levels, list) or len(raw_levels) < 2:
        fail(("levels",), "give at least two levels, top first, as a list")
    levels: list[Level] = []
    seen: dict[str, tuple] = {}
    for i, raw in enumerate(raw_levels):
        here = ("levels", i)
        if isinstance(raw, str):
            raw = {"name": raw}
        if not isinstance(raw, dict):
            fail(here, "a level is a mapping with name, label, titles, aliases, optional")
        extra = set(raw) - {"name", "label", "titles", "aliases", "optional"}
        if extra:
            fail(here + (sorted(map(str, extra))[0],), "unknown field; a level has name, label, titles, aliases, optional")
        name = raw.get("name")
        if not isinstance(name, str) or not _NAME.match(name):
            fail(here + ("name",), f"{name!r} is not a machine name (lower case letters, digits and _, e.g. sub_activity)")
        label = raw.get("label") or "".join(part.capitalize() for part in name.split("_"))
        if not isinstance(label, str) or not _LABEL.match(label):
            fail(here + ("label",), f"{label!r} is not a valid Cypher label (a letter, then letters, digits or _)")
        if label in _RESERVED_LABELS:
            fail(here + ("label",), f"{label!r} is a label cascade uses itself; choose another")
        titles = raw.get("titles") or {}
        if not isinstance(titles, dict) or not all(isinstance(t, str) for t in titles.values()):
            fail(here + ("titles",), "titles is a mapping from language (id, en) to text")
        bad_lang = set(titles) - set(LANGS)
        if bad_lang:
            fail(here + ("titles",), f"unknown language {sorted(bad_lang)[0]!r}; use {', '.join(LANGS)}")
        aliases = raw.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [aliases]
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            fail(here + ("aliases",), "aliases is a list of names")
        optional = raw.get("optional", False)
        if not isinstance(optional, bool):
            fail(here + ("optional",), "optional is true or false")
        for text, what in [(name, "name"), (label, "label"), *((t, "title") for t in titles.values()),
                           *((a, "aliases") for a in aliases)]:
            key = level_key(text)
            owner = seen.get(key)
            if owner is not None and owner[0] != i:
                fail(here + (what,), f"{text!r} also names level {owner[1]!r}; each name and alias may name one level")
            seen[key] = (i, name)
        levels.append(Level(i, name, label, tuple(aliases), tuple(sorted(titles.items())), optional))
    names_ = [lv.name for lv in levels]
    roles = data.get("roles") or {}
    if not isinstance(roles, dict):
        fail(("roles",), f"roles is a mapping from role ({', '.join(ROLES)}) to level")
    for role in roles:
        if role not in ROLES:
            fail(("roles", role), f"unknown role; the roles are {', '.join(ROLES)}")
    by_key = {level_key(a): lv.name for lv in levels for a in (lv.name, lv.label, *lv.aliases)}
    fallback = {"top": names_[0], "application": names_[-1], "process": names_[-2] if len(names_) > 2 else names_[-1],
                "strategy": by_key.get("strategy")}
    chosen = {}
    for role in ROLES:
        value = roles.get(role, fallback[role])
        if value is None:
            fail(("roles",), f"name the level that plays the {role!r} role (roles: {{{role}: LEVEL}})")
        if not isinstance(value, str) or level_key(value) not in by_key:
            fail(("roles", role), f"{value!r} is not a level of this schema ({', '.join(names_)})")
        chosen[role] = by_key[level_key(value)]
    if names_.index(chosen["process"]) >= names_.index(chosen["application"]):
        fail(("roles", "process"), "the process level must be above the application level")
    name = data.get("name", where)
    if not isinstance(name, str) or not name.strip():
        fail(("name",), "the schema's name is text")
    return Schema(name.strip(), tuple(levels), tuple((role, chosen[role]) for role in ROLES))


def _level(name, label, id_title, en_title, *aliases, optional=False) -> dict:
    return {"name": name, "label": label, "titles": {"id": id_title, "en": en_title},
            "aliases": list(aliases), "optional": optional}


_VISION = _level("vision", "Vision", "Visi", "Vision", "visi")
_MISSION = _level("mission", "Mission", "Misi", "Mission", "misi")
_GOAL = _level("goal", "Goal", "Tujuan", "Goal", "tujuan")
_STRATEGY = _level("strategy", "Strategy", "Strategi", "Strategy", "strategi")
_PROGRAM = _level("program", "Program", "Program", "Program")
_PROCESS = _level("process", "Process", "Proses bisnis", "Process", "proses", "proses bisnis", "business process",
                  "probis")
_APPLICATION = _level("application", "Application", "Aplikasi", "Application", "aplikasi", "app", "apps")

#: The shipped level schemas, as data (the same fields as a user's schema file).
PRESETS: dict[str, dict] = {
    "default": {
        "name": "default",
        "description": "The seven levels of the Kota Tangerang mapping: visi → … → aplikasi.",
        "levels": [_VISION, _MISSION, _GOAL, _STRATEGY, _PROGRAM, _PROCESS, _APPLICATION],
        "roles": {"top": "vision", "strategy": "strategy", "process": "process", "application": "application"},
    },
    "rpjmd": {
        "name": "rpjmd",
        "description": "An RPJMD/Renstra under Permendagri 86/2017 and 90/2019, down to sub kegiatan, "
                       "then the business processes and applications.",
        "levels": [
            _VISION, _MISSION, _GOAL,
            _level("objective", "Objective", "Sasaran", "Objective", "sasaran", "target", "sasaran strategis"),
            {**_STRATEGY, "optional": True},
            _level("policy", "Policy", "Arah kebijakan", "Policy direction", "arah kebijakan", "kebijakan",
                   "policy direction", optional=True),
            _PROGRAM,
            _level("activity", "Activity", "Kegiatan", "Activity", "kegiatan"),
            _level("sub_activity", "SubActivity", "Sub kegiatan", "Sub-activity", "sub kegiatan", "subkegiatan",
                   "sub activity", "subactivity"),
            _PROCESS, _APPLICATION,
        ],
        # SIPD and the T-C.27 table hang programs under sasaran; strategi and arah kebijakan (T-C.26)
        # sit between them only where the plan says so. So sasaran is the strategic anchor, and a
        # program linked straight to its sasaran skips no level.
        "roles": {"top": "vision", "strategy": "objective", "process": "process", "application": "application"},
    },
    "pohon-kinerja": {
        "name": "pohon-kinerja",
        "description": "The pohon kinerja (performance tree) of the SPBE architecture apps: "
                       "strategic → tactical → operational → proses bisnis → aplikasi.",
        "levels": [
            _level("strategic", "Strategic", "Strategic", "Strategic", "strategis", "pohon strategic",
                   "strategic pemda"),
            _level("tactical", "Tactical", "Tactical", "Tactical", "taktis", "pohon tactical", "tactical pemda"),
            _level("operational", "Operational", "Operational", "Operational", "operasional", "pohon operational",
                   "operational pemda"),
            _PROCESS, _APPLICATION,
        ],
        "roles": {"top": "strategic", "strategy": "strategic", "process": "process", "application": "application"},
    },
}

_PRESETS: dict[str, Schema] = {key: schema_from_dict(value, f"preset {key!r}") for key, value in PRESETS.items()}
DEFAULT: Schema = _PRESETS["default"]
#: The default schema's levels (kept for code written before schemas).
LEVELS: tuple[Level, ...] = DEFAULT.levels


def preset(name: str) -> Schema:
    """A shipped schema by name (``default``, ``rpjmd``, ``pohon-kinerja``)."""
    try:
        return _PRESETS[level_key(name).replace(" ", "-")]
    except KeyError:
        raise SchemaError(f"no schema preset {name!r}; the presets are {', '.join(_PRESETS)}, "
                          "or give a schema file (.yaml, .yml or .toml)") from None


def schema(spec: "str | Path | Schema | None" = None) -> Schema:
    """The schema ``spec`` names: None (the default), a preset's name, a file, or a Schema."""
    if spec is None:
        return DEFAULT
    if isinstance(spec, Schema):
        return spec
    text = str(spec)
    if isinstance(spec, Path) or text.lower().endswith((".yaml", ".yml", ".toml", ".json")) or "/" in text:
        return load_schema(Path(spec))
    return preset(text)


def load_schema(path: "str | Path") -> Schema:
    """A user's schema file (YAML, TOML or JSON), validated; errors name the file and line."""
    path = Path(path)
    where = str(path)
    text = settings_text(path, "the schema file", SchemaError, "no such schema file")
    lines: dict = {}
    if path.suffix.lower() == ".toml":
        import tomllib

        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise SchemaError(f"{where}: not valid TOML ({exc})") from None
    else:
        data, lines = yaml_with_lines(text, where, SchemaError)
    data.setdefault("name", path.stem) if isinstance(data, dict) else None
    return schema_from_dict(data, where, lines)


# -- the default schema, for code and users that need no other -------------------------


def find_level(text: str) -> Level | None:
    """The default schema's level named ``text`` (any alias), or None."""
    return DEFAULT.find(text)


def level(value: "str | int | Level") -> Level:
    """The default schema's level for a name, alias, index or Level; raises :class:`UnknownLevel`."""
    return DEFAULT.level(value)


def names() -> list[str]:
    """The default schema's level names, top to bottom."""
    return DEFAULT.names()
