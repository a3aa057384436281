"""Two corrections to what typer (≥ 0.25, its own parser on pydantic) shows users.

* A usage error of a choice reads ``Value error, 'xml' is not one of …``:
  pydantic's prefix for a ``ValueError`` raised in a validator. The planner
  should read what was wrong, so :class:`CascadeGroup` drops the prefix from
  every usage error before typer prints it.
* Every flag's help row shows ``<bool>`` (``--help`` too), as if the flag took
  a value. A flag takes none, so none is shown (:func:`hide_flag_types`).

Both are done without changing what typer parses; on a typer that has neither
quirk they change nothing.
"""

from __future__ import annotations

import re

from typer.core import TyperGroup

__all__ = ["CascadeGroup", "hide_flag_types", "plain_message"]

_PREFIX = re.compile(r"(?:(?<=^)|(?<=: ))Value error, ")


def plain_message(message: str) -> str:
    """``Invalid value for '-F': Value error, 'x' is …`` → ``Invalid value for '-F': 'x' is …``.

    >>> plain_message("Value error, 'JSON' is not one of 'table', 'json'.")
    "'JSON' is not one of 'table', 'json'."
    """
    return _PREFIX.sub("", message)


def _cleaned(exc: Exception) -> None:
    message = getattr(exc, "message", None)
    if isinstance(message, str):
        exc.message = plain_message(message)


def _click_exception():
    from typer import _click

    return _click.exceptions.ClickException


class CascadeGroup(TyperGroup):
    """The ``cascade`` group: usage errors (its own and its commands') read without pydantic's prefix."""

    def make_context(self, *args, **kwargs):
        try:
            return super().make_context(*args, **kwargs)
        except _click_exception() as exc:
            _cleaned(exc)
            raise

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except _click_exception() as exc:
            _cleaned(exc)
            raise


def hide_flag_types() -> None:
    """Show no type next to a flag in ``--help`` (typer ≥ 0.25 shows ``<bool>``)."""
    from typer.core import TyperOption

    shown = getattr(TyperOption, "display_type_rich", None)
    if shown is None or getattr(shown, "_flags_hidden", False):
        return

    def display_type_rich(self, ctx):
        return None if getattr(self, "is_flag", False) else shown(self, ctx)

    display_type_rich._flags_hidden = True
    TyperOption.display_type_rich = display_type_rich
