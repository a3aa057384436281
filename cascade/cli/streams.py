"""Output to a terminal whose encoding cannot show every character (a Windows console in cp1252).

A plan holds ``≥ 90%`` and names in any script; printing one of them to such
a terminal would stop the command with a UnicodeEncodeError. Instead the
character is shown as ``?`` and, once, a note on stderr says how many were
and how to see them.
"""

from __future__ import annotations

import atexit
import codecs
import sys

__all__ = ["tolerate_narrow_encodings"]

_HANDLER = "cascade-shown-as-question-mark"
_REPLACED = {"count": 0, "encoding": None, "armed": False}


def _replace(exc: UnicodeError):
    _REPLACED["count"] += exc.end - exc.start
    return "?" * (exc.end - exc.start), exc.end


def tolerate_narrow_encodings() -> None:
    """Make stdout and stderr replace what their encoding cannot show, when it is not a Unicode one."""
    codecs.register_error(_HANDLER, _replace)
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None)
        if not encoding or not hasattr(stream, "reconfigure"):
            continue
        try:
            narrow = not codecs.lookup(encoding).name.startswith("utf")
        except LookupError:
            continue
        if narrow:
            stream.reconfigure(errors=_HANDLER)
            _REPLACED["encoding"] = encoding
            if not _REPLACED["armed"]:
                _REPLACED["armed"] = True
                atexit.register(_note)


def _note() -> None:
    n = _REPLACED["count"]
    if n:
        sys.stderr.write(f"note: this terminal's encoding ({_REPLACED['encoding']}) cannot show {n} character"
                         f"{'s' if n != 1 else ''} of the output, shown as '?'; set PYTHONIOENCODING=utf-8 (on "
                         "Windows also run: chcp 65001) to see them, or write to a file with --out\n")
        sys.stderr.flush()
