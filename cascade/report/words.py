"""The report's words, in Indonesian and English: headings, column names, notes.

A heading is shown in the chosen language with the other beneath it
(``--lang id``: Indonesian first, English beneath).

>>> heading("orphans", "id")
('Proses bisnis tanpa strategi', 'Orphan processes: no strategy above')
>>> level_title(level("proses"), "id"), level_title(level("proses"), "en")
('Proses bisnis', 'Process')
"""

from __future__ import annotations

from ..errors import UsageError
from ..levels import LANGS, Level, level

__all__ = ["LANGS", "word", "has_word", "heading", "level_title", "picture_words", "default_lang"]

#: key → (Indonesian, English)
_WORDS: dict[str, tuple[str, str]] = {
    "title": ("Laporan cascade perencanaan", "Planning cascade report"),
    "summary": ("Ringkasan", "Summary"),
    "coverage": ("Cakupan per tingkat", "Coverage per level"),
    "coverage-opd": ("Cakupan per perangkat daerah", "Coverage per OPD"),
    "orphans": ("Proses bisnis tanpa strategi", "Orphan processes: no strategy above"),
    "break-points": ("Di mana rantai terputus", "Where the chains break"),
    "unbacked": ("Strategi tanpa proses bisnis", "Unbacked strategies: no process below"),
    "unused-applications": ("Aplikasi yang tidak dipakai proses bisnis", "Unused applications: no process above"),
    "processes-without-application": ("Proses bisnis tanpa aplikasi", "Processes without an application"),
    "check": ("Temuan pemeriksaan struktur", "Structural check findings"),
    "strategies": ("Apa yang dicapai tiap strategi", "What each strategy comes down to"),
    "chart-anchored": ("Elemen yang tersambung ke visi, per tingkat", "Elements anchored to the vision, per level"),
    "chart-linked": ("Proses bisnis dengan tautan strategis, per OPD", "Processes with a strategic link, per OPD"),
    "chart-backed": ("Strategi yang didukung proses bisnis, per OPD", "Strategies backed by a process, per OPD"),
    "dataset": ("Dataset", "Dataset"),
    "source": ("Sumber", "Source"),
    "generated": ("Dibuat", "Generated"),
    "elements": ("Elemen", "Elements"),
    "links": ("Tautan", "Links"),
    "share-linked": ("Proses bisnis dengan tautan strategis", "Processes with a strategic link"),
    "share-backed": ("Strategi yang didukung proses bisnis", "Strategies backed by a process"),
    "findings": ("Temuan", "Findings"),
    "none": ("Tidak ada.", "None."),
    "search": ("Cari…", "Search…"),
    "show-all": ("Tampilkan semua", "Show all"),
    "rows": ("baris", "rows"),
    "id": ("Kode", "Id"),
    "name": ("Uraian", "Name"),
    "level": ("Tingkat", "Level"),
    "opd": ("Perangkat daerah", "OPD"),
    "reached": ("Tingkat tertinggi yang dicapai", "Reached"),
    "reached-down": ("Tingkat terdalam yang dicapai", "Reached"),
    "break_at": ("Rantai terputus di", "Chain breaks at"),
    "break_name": ("Uraian titik putus", "Break point name"),
    "count": ("Jumlah", "Count"),
    "with_parent": ("Punya induk", "With a parent"),
    "anchored": ("Tersambung ke visi", "Anchored"),
    "with_child": ("Punya anak", "With a child"),
    "part": ("Tersambung", "Linked"),
    "whole": ("Dari", "Of"),
    "ratio": ("Persentase", "Share"),
    "processes": ("Proses bisnis", "Processes"),
    "processes-linked": ("Proses tertaut strategi", "Processes linked"),
    "strategies-n": ("Strategi", "Strategies"),
    "strategies-backed": ("Strategi didukung", "Strategies backed"),
    "severity": ("Tingkat keparahan", "Severity"),
    "error": ("kesalahan", "error"),
    "warning": ("peringatan", "warning"),
    "notice": ("catatan", "notice"),
    "code": ("Kode temuan", "Code"),
    "element": ("Elemen", "Element"),
    "message": ("Pesan", "Message"),
    "file": ("Berkas", "File"),
    "sheet": ("Lembar", "Sheet"),
    "row": ("Baris", "Row"),
    "breaks": ("Rantai berhenti di", "Chains stop at"),
    "item": ("Butir", "Item"),
    "value": ("Nilai", "Value"),
    "pictures-capped": ("Gambar dibatasi {n} elemen per strategi.", "Each picture shows at most {n} elements."),
    "no-strategies": ("Tidak ada strategi.", "No strategies."),
    "pictures-drawn": ("Digambar {drawn} dari {total} strategi (yang rantainya terputus lebih dulu).",
                       "{drawn} of {total} strategies drawn (those whose chains stop early first)."),
    "changes": ("Perubahan dari versi sebelumnya", "Changes since the earlier version"),
    "changes-elements": ("Perubahan elemen", "Element changes"),
    "changes-links": ("Perubahan tautan", "Link changes"),
    "changes-findings": ("Perubahan temuan", "Finding changes"),
    "accepted": ("Pengecualian yang diterima", "Accepted exceptions"),
    "change": ("Perubahan", "Change"),
    "added": ("ditambah", "added"),
    "removed": ("dihapus", "removed"),
    "changed": ("diubah", "changed"),
    "field": ("Kolom", "Field"),
    "old": ("Lama", "Old"),
    "new": ("Baru", "New"),
    "new_ids": ("Kode baru", "New ids"),
    "resolved": ("Terselesaikan", "Resolved"),
    "resolved_ids": ("Kode terselesaikan", "Resolved ids"),
    "persisting": ("Tetap", "Persisting"),
    "parent": ("Induk", "Parent"),
    "child": ("Anak", "Child"),
    "kind": ("Jenis temuan", "Kind"),
    "reason": ("Alasan", "Reason"),
    "owner": ("Penanggung jawab", "Owner"),
    "until": ("Berlaku sampai", "Until"),
    "level-skips": ("Tautan yang melompati tingkat", "Links that skip a level"),
    "no-parent": ("Elemen tanpa induk", "Elements with no parent"),
    "unanchored": ("Elemen yang tidak sampai ke visi", "Elements not anchored to the vision"),
    "no-children": ("Elemen tanpa anak", "Elements with nothing below"),
    "pic-more": ("+{n} lagi", "+{n} more"),
    "pic-stops": ("✗ rantai berhenti di sini", "✗ chain stops here"),
    "pic-capped": ("menampilkan {shown} dari {total} elemen", "showing {shown} of {total} elements"),
    "skips": ("Tautan yang melompati tingkat", "Links that skip a level"),
    "skips-text": ("{other} ({level}), melompati {skipped}", "{other} ({level}), skipping {skipped}"),
    "sheet-unused-applications": ("Aplikasi tanpa proses bisnis", "Unused applications"),
    "sheet-processes-without-application": ("Proses bisnis tanpa aplikasi", "Processes without application"),
    "sheet-strategies": ("Apa yang dicapai tiap strategi", "Strategies traced down"),
    "thousands": (".", ","),
    "shares": ("Bagian yang tersambung", "Shares"),
    "impact": ("Dampak penghapusan", "Impact of retiring"),
    "redundant": ("Aplikasi melayani proses sama", "Same processes served"),
    "applications": ("Aplikasi", "Applications"),
    "processes served": ("Proses bisnis yang dilayani", "Processes served"),
    "loses its support through": ("Kehilangan dukungan melalui", "Loses its support through"),
    "pic-skipped": ("✗ tidak ada {level}: dilompati", "✗ no {level}: skipped"),
    "pic-up": ("ke atas", "up"),
    "pic-down": ("ke bawah", "down"),
}



def _pick(pair: tuple[str, str], lang: str) -> str:
    if lang not in LANGS:
        raise UsageError(f"language must be one of {', '.join(LANGS)}")
    return pair[LANGS.index(lang)]


def word(key: str, lang: str, **values) -> str:
    """One word or phrase in ``lang`` (``values`` fill its ``{placeholders}``; without any, kept as is)."""
    text = _pick(_WORDS[key], lang)
    return text.format(**values) if values else text


def has_word(key: str) -> bool:
    """Whether ``key`` is one of the report's words."""
    return key in _WORDS


def heading(key: str, lang: str) -> tuple[str, str]:
    """A heading in ``lang`` and, beneath it, in the other language."""
    other = LANGS[1 - LANGS.index(lang)]
    return word(key, lang), word(key, other)


def level_title(lv: "Level | str", lang: str) -> str:
    """A level's name for people: ``Proses bisnis`` / ``Process`` (from its schema; a name: the default's)."""
    return (lv if isinstance(lv, Level) else level(lv)).title(lang)


def picture_words(lang: str):
    """The words of a trace picture (:class:`cascade.draw.Words`) in ``lang``."""
    from ..draw import Words

    return Words(more=word("pic-more", lang), stops=word("pic-stops", lang), capped=word("pic-capped", lang),
                 skipped=word("pic-skipped", lang), up=word("pic-up", lang), down=word("pic-down", lang),
                 level=lambda lv: level_title(lv, lang))


def default_lang(environ=None) -> str:
    """The language a planner reads by default: English when the locale says English (or another
    language), Indonesian when it says Indonesian or nothing (``C``, ``POSIX``, unset) — cascade is
    made for Indonesian planners. ``LC_ALL``, ``LC_MESSAGES``, ``LANG``, then ``LANGUAGE`` decide.

    >>> default_lang({"LANG": "en_US.UTF-8"}), default_lang({"LANG": "id_ID.UTF-8"}), default_lang({"LANG": "C.UTF-8"})
    ('en', 'id', 'id')
    """
    import os

    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = (env.get(name) or "").split(":")[0].split(".")[0].lower()
        if value and value not in ("c", "posix"):
            return "id" if value.startswith(("id", "in")) else "en"
    return "id"
