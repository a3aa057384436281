"""The one kind of error that is the user's to fix.

A :class:`UsageError` (and its subclasses: an unknown level, a malformed
schema, mapping or register, a refused or broken query) means "what was asked
cannot be done as asked": the command line prints its message and exits 2.
Any other exception is a bug in cascade and says so.
"""

from __future__ import annotations

__all__ = ["UsageError"]


class UsageError(ValueError):
    """A problem the user can fix (a bad option, a malformed file, an impossible request): exit 2."""
