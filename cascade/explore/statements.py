"""Reading Cypher text the way the server does: strings, comments and quoted names.

A file of statements splits on ``;`` only where a ``;`` ends a statement, never
inside a string, a comment or a backtick-quoted name; the parameters a
statement uses are the ``$names`` in its code.

>>> [s.text for s in split("RETURN ';' AS a; // ;\\nRETURN 2;")]
["RETURN ';' AS a", '// ;\\nRETURN 2']
>>> sorted(parameters("MATCH (e {id: $id}) WHERE e.name <> '$not' RETURN $`odd name`"))
['id', 'odd name']
>>> complete("MATCH (n)\\nRETURN n; // done"), complete("RETURN ';'")
(True, False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

__all__ = ["Statement", "split", "parameters", "complete", "code_only"]

CODE, STRING, COMMENT, NAME = "code", "string", "comment", "name"
_CLOSERS = {"'": "'", '"': '"', "`": "`"}
_PARAM = re.compile(r"\$(?:(\w+)|`((?:[^`]|``)*)`)")


@dataclass(frozen=True)
class Statement:
    """One statement of a longer text, without its ``;``; ``line`` is where it starts (1-based)."""

    text: str
    line: int = 1


def _spans(text: str) -> Iterator[tuple[str, int, int]]:
    """(kind, start, end) for every run of code, string, comment or quoted name."""
    i, n, start = 0, len(text), 0
    while i < n:
        ch = text[i]
        kind = None
        if ch in _CLOSERS:
            kind, end = (NAME if ch == "`" else STRING), _quoted_end(text, i)
        elif text.startswith("//", i):
            kind, end = COMMENT, text.find("\n", i)
            end = n if end < 0 else end
        elif text.startswith("/*", i):
            kind, end = COMMENT, text.find("*/", i + 2)
            end = n if end < 0 else end + 2
        if kind is None:
            i += 1
            continue
        if start < i:
            yield CODE, start, i
        yield kind, i, end
        i = start = end
    if start < n:
        yield CODE, start, n


def _quoted_end(text: str, i: int) -> int:
    """Index just past the quote closing the one at ``i`` (backslash escapes in strings, ```` `` ```` in names)."""
    quote, j, n = text[i], i + 1, len(text)
    while j < n:
        if text[j] == "\\" and quote != "`":
            j += 2
        elif text[j] == quote:
            if quote == "`" and text.startswith("``", j):
                j += 2
                continue
            return j + 1
        else:
            j += 1
    return n


def code_only(text: str, keep_names: bool = False) -> str:
    """``text`` with strings and comments (and quoted names, unless ``keep_names``) blanked, same length."""
    out = []
    for kind, start, end in _spans(text):
        chunk = text[start:end]
        if kind == CODE or (kind == NAME and keep_names):
            out.append(chunk)
        else:
            out.append(re.sub(r"[^\n]", " ", chunk))
    return "".join(out)


def split(text: str) -> list[Statement]:
    """The statements of ``text``, split on each ``;`` that ends one; blank ones are dropped."""
    masked = code_only(text)
    found, start = [], 0
    for end in [m.start() for m in re.finditer(";", masked)] + [len(text)]:
        piece = text[start:end]
        if code_only(piece).strip():
            lead = len(piece) - len(piece.lstrip())
            found.append(Statement(piece.strip(), text.count("\n", 0, start + lead) + 1))
        start = end + 1
    return found


def parameters(text: str) -> set[str]:
    """The names of the ``$parameters`` a statement uses (not those in strings or comments)."""
    return {m.group(1) or m.group(2).replace("``", "`") for m in _PARAM.finditer(code_only(text, keep_names=True))}


def complete(text: str) -> bool:
    """Whether ``text`` ends a statement: its last code character is a ``;``."""
    return code_only(text).rstrip().endswith(";")
