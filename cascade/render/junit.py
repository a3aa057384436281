"""Findings as JUnit XML, so a CI system lists them as failed tests.

One test suite per finding kind; one failed test case per finding (named by
the element), or one passing case when the kind found nothing. Validates
against the JUnit schema CI servers read (Jenkins' ``junit-10.xsd``).

>>> from cascade.gates import KINDS
>>> print(junit_xml([(KINDS[0], [])], "kota").splitlines()[1])
<testsuites name="cascade kota" tests="1" failures="0" errors="0" time="0">
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..analysis import Gap
from ..gates import Kind, describe, subject

__all__ = ["junit_xml"]


def _details(item) -> str:
    if isinstance(item, Gap):
        return "\n".join([f"id: {item.id}", f"name: {item.name}", f"level: {item.level.name}", f"opd: {item.opd or ''}",
                          f"reached: {item.reached.name}", f"break_at: {', '.join(item.break_at)}"])
    return f"{item.place}: {item.message}" if item.place else item.message


def junit_xml(sections: list[tuple[Kind, list]], dataset: str, timestamp: str | None = None) -> str:
    """``sections`` are (kind, findings) pairs; every finding becomes a failed test case."""
    failures = sum(len(items) for _, items in sections)
    tests = sum(max(len(items), 1) for _, items in sections)
    root = ET.Element("testsuites", name=f"cascade {dataset}", tests=str(tests), failures=str(failures), errors="0", time="0")
    for kind, items in sections:
        suite = ET.SubElement(root, "testsuite", name=kind.name, tests=str(max(len(items), 1)), failures=str(len(items)),
                              errors="0", skipped="0", time="0")
        if timestamp:
            suite.set("timestamp", timestamp)
        classname = f"cascade.{dataset}.{kind.name}"
        if not items:
            ET.SubElement(suite, "testcase", name=f"no {kind.summary}", classname=classname, time="0")
        for item in items:
            name = getattr(item, "name", "") if isinstance(item, Gap) else item.code
            case = ET.SubElement(suite, "testcase", name=f"{subject(item)} {name}".strip(), classname=classname, time="0")
            failure = ET.SubElement(case, "failure", message=describe(kind, item), type=kind.name)
            failure.text = _details(item)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
