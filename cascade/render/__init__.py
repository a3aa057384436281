"""Turn result objects into what people and programs read.

``table`` is for people (rich tables and trees); ``json``, ``csv`` and ``md``
are for programs and documents, and then nothing else goes to stdout.
"""

from .emit import FORMATS, emit, emit_findings, render_tree

__all__ = ["FORMATS", "emit", "emit_findings", "render_tree"]
