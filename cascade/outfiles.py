"""Writing what cascade makes without harming what it read.

Every file cascade writes goes through :func:`write_atomically`: the content
goes to a temporary file beside the target, which then takes the target's
place in one rename, so a failed or interrupted write (a full disk, Ctrl-C)
leaves the old file whole and no half-written one. :func:`refuse_inputs`
stops, before any work, an output that would land on a file cascade reads:
the planner's workbook, a mapping, a schema, a register, or anything inside a
source folder (it would be read as part of the plan next time).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from .errors import UsageError

__all__ = ["refuse_inputs", "write_atomically", "write_text_atomically"]


def refuse_inputs(outputs: Iterable["str | os.PathLike | None"], inputs: Iterable["str | os.PathLike | None"]) -> None:
    """:class:`~cascade.errors.UsageError` when an output is one of ``inputs`` that exist (by resolved path,
    or the same file under another name) or inside an input folder; inputs that are no file (a preset
    schema's name, a dataset ``NAME@N``) are passed over.

    >>> refuse_inputs(["laporan.html"], [None, "rpjmd", "tangerang@previous"])
    """
    sources = [(given, Path(given).resolve()) for given in inputs if given is not None and os.path.exists(given)]
    for out in outputs:
        if out is None:
            continue
        target = Path(out).resolve()
        for given, source in sources:
            same = target == source or (target.exists() and source.exists() and os.path.samefile(target, source))
            if same:
                raise UsageError(f"refusing to write {out}: it is {given}, which cascade reads; write to "
                                 "another file, so the source stays as it is")
            if source.is_dir() and source in target.parents:
                raise UsageError(f"refusing to write {out}: it is inside the source folder {given}; write it "
                                 "elsewhere, or cascade would read it as part of the plan next time")


def write_atomically(path: "str | os.PathLike", write: Callable[[Path], None]) -> Path:
    """Call ``write(temporary)`` to make the file, then put it at ``path`` in one rename.

    A failure leaves ``path`` as it was and nothing else behind; a problem of the folder or the disk is
    a :class:`~cascade.errors.UsageError` naming ``path``.
    """
    path = Path(path)
    if path.is_dir():
        raise UsageError(f"{path} is a folder: give a file name to write")
    folder = path.parent
    if not folder.is_dir():
        raise UsageError(f"cannot write {path}: the folder {folder} does not exist (create it, or write elsewhere)")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    os.close(handle)
    try:
        write(Path(temporary))
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    except OSError as exc:
        _remove(temporary)
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}; {_unchanged(path)}") from None
    except BaseException:
        _remove(temporary)
        raise
    return path


def write_text_atomically(path: "str | os.PathLike", text: str) -> Path:
    """:func:`write_atomically` for UTF-8 text."""
    return write_atomically(path, lambda temporary: temporary.write_text(text, encoding="utf-8"))


def _mode_for(path: Path) -> int:
    """The mode the file already has, else what a new file gets (mkstemp's own is private to its owner)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def _unchanged(path: Path) -> str:
    return f"{path.name} was left as it was" if path.exists() else f"{path.name} was not written"


def _remove(temporary: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(temporary)
