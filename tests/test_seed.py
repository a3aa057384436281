"""The seed workbook gives exactly what seed/README.md and seed/expected.json say."""

from __future__ import annotations

import json
from collections import Counter

from typer.testing import CliRunner

import cascade
from cascade.cli import app
from cascade.resources import seed_file

EXPECTED = json.loads(seed_file("expected.json").read_text(encoding="utf-8"))
KEYS = ("id", "level", "reached", "break_at")


def _cli_json(*args) -> list[dict]:
    result = CliRunner().invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return [{k: row[k] for k in KEYS} for row in json.loads(result.stdout)]


def _expected(key: str) -> list[dict]:
    return [{k: row[k] for k in KEYS} for row in EXPECTED[key]]


def test_cli_orphans_and_unbacked_match_seed_readme():
    seed = str(cascade.seed_path())
    assert _cli_json("orphans", seed) == _expected("orphans")
    assert _cli_json("unbacked", seed) == _expected("unbacked")
    assert _cli_json("orphans", seed, "--level", "application", "--anchor", "process") == _expected("unused_applications")
    assert _cli_json("unbacked", seed, "--level", "process", "--target", "application") == _expected("processes_without_application")


def test_seed_has_the_public_application_counts():
    c = cascade.read(cascade.seed_path())
    apps = [e for e in c if e.level == cascade.level("application")]
    assert len(apps) == 196
    assert Counter(e.attrs["Domain Layanan"] for e in apps) == {"layanan publik": 124, "administrasi pemerintahan": 72}
    assert len([e for e in c if e.level == cascade.level("process")]) >= 60
    assert not [f for f in cascade.check(cascade.seed_path()) if f.severity == "error"]
