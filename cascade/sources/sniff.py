"""What a file really is, whatever its name says; and reading text files safely.

Planners rename files: a workbook saved under a ``.csv`` name, a CSV under
``.xlsx``, an old ``.xls``, a password-protected workbook (which is not a zip
at all but an OLE compound file with the workbook encrypted inside). Each gets
one error that says what the file is and what to do, rather than a parser's
complaint about bytes.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from ..model import ERROR, Finding, Place

__all__ = ["binary_kind", "read_text", "ZIP_MAGIC", "OLE_MAGIC"]

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # the stream an encrypted OOXML file holds
_SNIFF = 4096


def binary_kind(data: bytes) -> str | None:
    """What a binary file is, in a planner's words; None when it may well be text.

    >>> binary_kind(b"PK\\x03\\x04..."), binary_kind(b"id,name\\n")
    ('an Excel workbook (.xlsx) or another zip archive', None)
    """
    if data.startswith(ZIP_MAGIC):
        return "an Excel workbook (.xlsx) or another zip archive"
    if data.startswith(OLE_MAGIC):
        if _ENCRYPTED in data:
            return "a password-protected Excel workbook"
        return "an old-format Excel workbook (.xls) or another Office file"
    if data.startswith(b"%PDF"):
        return "a PDF document"
    head = data[:_SNIFF]
    if head.count(0) > len(head) // 8:  # text has no NUL bytes, bar the odd one in a value
        return "a binary file (or UTF-16 text without a byte-order mark)"
    return None


def read_text(path: Path, shown: str, findings: list[Finding], fix: str) -> str | None:
    """The file's text (UTF-8, with or without BOM, or UTF-16 or UTF-32 with BOM), or None with one error.

    ``fix`` tells the planner how to save the file properly.
    """
    place = Place(shown)
    try:
        data = path.read_bytes()
    except OSError as exc:
        findings.append(Finding(ERROR, "unreadable", f"cannot read file: {exc.strerror or exc}", place))
        return None
    if not data:
        findings.append(Finding(ERROR, "empty-file", "the file is empty (0 bytes)", place))
        return None
    for boms, encoding in (((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE), "utf-32"),   # before UTF-16: FF FE 00 00
                           ((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE), "utf-16")):  # Excel's "Unicode Text"
        if data.startswith(boms):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                break
    kind = binary_kind(data)
    if kind is not None:
        findings.append(Finding(ERROR, "not-text", f"this is {kind}, not a text file; {fix}", place))
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        findings.append(
            Finding(
                ERROR,
                "encoding",
                f"the file is not UTF-8 (byte 0x{data[exc.start]:02X} on this line; probably saved as ANSI, i.e. Windows-1252 or Latin-1): {fix}",
                Place(shown, None, line),
            )
        )
        return None
