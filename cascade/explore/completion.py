"""Tab completion in the shell: labels after ``(x:``, relationship types after ``[r:``,
property keys after ``x.``, parameters after ``$``, and the shell's own commands.

>>> from prompt_toolkit.document import Document
>>> c = CypherCompleter(lambda: {"labels": ["Strategy"], "types": ["CASCADES_TO"], "keys": ["Domain Layanan"]})
>>> [x.text for x in c.get_completions(Document("MATCH (s:Str"), None)]
['Strategy']
>>> [x.text for x in c.get_completions(Document("MATCH ()-[:CAS"), None)]
['CASCADES_TO']
>>> [x.text for x in c.get_completions(Document("RETURN a.Dom"), None)]
['`Domain Layanan`']
"""

from __future__ import annotations

import re
from typing import Callable, Iterable

from prompt_toolkit.completion import Completer, Completion

from .statements import code_only

__all__ = ["CypherCompleter"]

_TAIL = re.compile(r"([:.$])(\w*)$")
_COMMAND = re.compile(r"^\s*(:\w*)$")
_ARGUMENT = re.compile(r"^\s*(:\w+)\s+(\S*)$")
_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

Words = Callable[[], dict[str, list[str]]]


def _quoted(name: str) -> str:
    return name if _PLAIN.match(name) else "`" + name.replace("`", "``") + "`"


def _open_bracket(text: str) -> str:
    """The innermost unclosed ``(`` or ``[`` before the cursor ("" when none)."""
    stack = []
    for ch in code_only(text):
        if ch in "([{":
            stack.append(ch)
        elif ch in ")]}" and stack:
            stack.pop()
    return stack[-1] if stack else ""


class CypherCompleter(Completer):
    """Completes from ``words()`` — ``labels``, ``types``, ``keys``, ``params``, ``commands`` and
    per-command arguments (``:run`` → query names…) — asked afresh on every Tab."""

    def __init__(self, words: Words):
        self.words = words

    def _candidates(self, text: str) -> tuple[str, Iterable[str], bool]:
        """(the word being completed, what may complete it, whether to backtick-quote)."""
        words = self.words()
        if m := _COMMAND.match(text):
            return m.group(1), words.get("commands", []), False
        if m := _ARGUMENT.match(text):
            return m.group(2), words.get(m.group(1), []), False
        m = _TAIL.search(text)
        if not m or code_only(text)[-len(m.group(0)):] != m.group(0):  # inside a string or comment
            return "", [], False
        sigil, word = m.groups()
        if sigil == "$":
            return word, words.get("params", []), True
        if sigil == ".":
            return word, words.get("keys", []), True
        bracket = _open_bracket(text)
        if bracket == "{":  # a map's key: the value comes next
            return word, [], False
        return word, words.get("types" if bracket == "[" else "labels", []), True

    def get_completions(self, document, complete_event):
        word, candidates, quote = self._candidates(document.text_before_cursor)
        for candidate in candidates:
            if candidate.lower().startswith(word.lower()):
                yield Completion(_quoted(candidate) if quote else candidate, start_position=-len(word))
