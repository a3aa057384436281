"""Write a report to a file; the format follows the extension."""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError
from ..outfiles import write_text_atomically
from ..render.encodings import as_json
from .model import Report
from .words import LANGS

__all__ = ["SUFFIXES", "write_report", "render_text"]

SUFFIXES = (".html", ".xlsx", ".md", ".json", ".xml", ".sarif")


def render_text(report: Report, suffix: str, lang: str = "id", gated: tuple[str, ...] = ()) -> str:
    """The report as text in the format of ``suffix`` (every format but .xlsx)."""
    if suffix == ".html":
        from .html import render_html

        return render_html(report, lang)
    if suffix == ".md":
        from .markdown import render_markdown

        return render_markdown(report, lang)
    if suffix == ".json":
        return as_json(report.to_dict()) + "\n"
    if suffix == ".xml":
        from ..render.junit import junit_xml

        return junit_xml(report.sections(), report.dataset, report.generated)
    if suffix == ".sarif":
        from ..render.sarif import sarif_json

        return sarif_json(report.sections(), report.dataset, report.source, gated)
    raise UsageError(f"cannot write a report as {suffix or 'a file without extension'}: use {', '.join(SUFFIXES)}")


def write_report(report: Report, path: "str | Path", lang: str = "id", gated: tuple[str, ...] = ()) -> Path:
    """Write ``report`` to ``path`` in the format its extension names, in language ``lang``.

    ``gated`` kinds (``--fail-on``) are errors in SARIF, the others warnings.
    """
    path = Path(path)
    if lang not in LANGS:
        raise UsageError(f"language must be one of {', '.join(LANGS)}")
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from .xlsx import write_xlsx

        return write_xlsx(report, path, lang)
    return write_text_atomically(path, render_text(report, suffix, lang, gated))
