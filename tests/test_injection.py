"""Hostile text is data: ids, names, OPDs and attribute keys come back byte for byte, in Unicode's
NFC form (``e`` + combining accent, as a Mac types it, is ``é``: the same text, so the same id).

Quotes, backticks, braces, ``//``, NUL, direction marks, rich markup and
Cypher fragments go in through every kind of source and come out unchanged —
from the Python API, in analyses' results, and in the command line's JSON.
(The Neo4j side of the same promise is tested with the Neo4j store.)
Attribute keys follow the rule in :mod:`cascade.sources.header`: kept as typed
when they are safe, an error when they are not, never silently changed.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata

import pytest
from typer.testing import CliRunner

import cascade
from cascade.cli import app
from cascade.sources.header import RESERVED_KEYS
from workbooks import write_csv_dir, write_workbook

#: Text for ids: anything but the parent separators (; , and line breaks), which split a parent cell by design.
ID_TEXT = [
    "O'Brien \"quoted\"",
    "`tick` ``double``",
    "{braces} {{x}} ${param} $param",
    "// comment /* block */",
    "nul\x00inside",
    "rtl\u202eevil\u202c \u200fmark\u200e",
    "'}) MATCH (n) DETACH DELETE n //",
    '"}) RETURN 1 UNION MATCH (x) SET x.pwned = true //',
    ":Label`) CALL db.labels() YIELD label RETURN label //",
    "[bold red]rich markup[/]",
    "back\\slash \\\\ \\u0041 \\n",
    "Cafe\u0301 (NFD) 🇮🇩 中文 العربية",
]
#: Text for names, OPDs and values: anything at all.
TEXT = ID_TEXT + ["a, b; c\nsecond line", "x' OR '1'='1", "MERGE (a)-[:CASCADES_TO]->(b), (c)"]


def records(texts: list[str], ids: list[str] = ID_TEXT) -> dict:
    """A strategy → program → process chain per text, plus one orphan process per text.

    Attribute keys carry the id text too, bar NUL: a key with a control character is refused (see below).
    """
    data: dict[str, list[dict]] = {"strategy": [], "program": [], "process": []}
    for i, text in enumerate(texts):
        ident = ids[i % len(ids)]
        key = f"k{i} {ident}".replace("\x00", "0")
        data["strategy"].append({"id": f"S{i} {ident}", "name": text, "opd": text, key: text})
        data["program"].append({"id": f"G{i} {ident}", "name": text, "opd": text, "parent": [f"S{i} {ident}"]})
        data["process"].append({"id": f"P{i} {ident}", "name": text, "opd": text, "parent": f"G{i} {ident}"})
        data["process"].append({"id": f"Q{i} {ident}", "name": text, "opd": text})
    return data


def assert_same(cascade_, data: dict) -> None:
    """Every element of ``data`` is in the cascade exactly as written, and every link too.

    Text is compared in its NFC form, the one cascade reads every cell in.
    """
    for level, rows in data.items():
        for row in rows:
            row = {nfc(k): nfc(v) if isinstance(v, str) else [nfc(x) for x in v] for k, v in row.items()}
            element = cascade_[row["id"]]
            assert (element.id, element.name, element.opd, element.level.name) == (row["id"], row["name"], row["opd"], level)
            attrs = {k: v for k, v in row.items() if k not in ("id", "name", "opd", "parent")}
            assert element.attrs == attrs
            parents = row.get("parent", [])
            for parent in [parents] if isinstance(parents, str) else parents:
                assert (parent, row["id"]) in cascade_.links


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def test_api_records_come_back_byte_for_byte():
    data = records(TEXT)
    c = cascade.from_records(data)
    assert_same(c, data)
    orphans = cascade.orphans(c)
    assert [(g.id, g.name, g.opd, g.break_at) for g in orphans] == sorted(
        ((nfc(r["id"]), nfc(r["name"]), nfc(r["opd"]), (nfc(r["id"]),)) for r in data["process"] if "parent" not in r)
    )
    tree = cascade.trace(c, data["strategy"][6]["id"]).to_dict()
    assert json.dumps(tree, ensure_ascii=False).count(ID_TEXT[6]) >= 3  # strategy, program, process


def test_json_source_and_cli_json_output(tmp_path):
    data = records(TEXT)
    src = tmp_path / "hostile.json"
    src.write_text(json.dumps(data), encoding="utf-8")
    assert_same(cascade.read(src), data)
    runner = CliRunner()
    result = runner.invoke(app, ["orphans", str(src), "--format", "json"])
    assert result.exit_code == 0, result.output
    got = {(o["id"], o["name"], o["opd"]) for o in json.loads(result.stdout)}
    assert got == {(nfc(r["id"]), nfc(r["name"]), nfc(r["opd"])) for r in data["process"] if "parent" not in r}
    root = data["strategy"][7]["id"]  # a UNION … SET fragment, passed as a command-line argument
    traced = runner.invoke(app, ["trace", root, str(src), "--format", "json"])
    assert traced.exit_code == 0, traced.output
    text = traced.stdout
    assert json.loads(text)["tree"]["id"] == root
    assert {data["program"][7]["id"], data["process"][14]["id"]} <= set(_ids(json.loads(text)["tree"]))


def _ids(node: dict):
    yield node["id"]
    for child in node.get("children", ()):
        yield from _ids(child)


def test_csv_source_keeps_every_byte(tmp_path):
    data = records(TEXT)
    files = {}
    for level, rows in data.items():
        header = sorted({k for r in rows for k in r}, key=lambda k: (k not in ("id", "name", "opd", "parent"), k))
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(header)
        writer.writerows([r.get(k, "") if not isinstance(r.get(k), list) else ";".join(r[k]) for k in header] for r in rows)
        files[f"{level}.csv"] = buf.getvalue()
    assert_same(cascade.read(write_csv_dir(tmp_path / "csv", files)), data)


def test_workbook_source_keeps_every_byte(tmp_path):
    """XML cannot hold NUL or other control characters, so a workbook never has them."""
    data = records([t for t in TEXT if "\x00" not in t], [t for t in ID_TEXT if "\x00" not in t])
    sheets = {}
    for level, rows in data.items():
        header = list(dict.fromkeys(k for r in rows for k in r))
        sheets[level] = [header] + [[";".join(r[k]) if isinstance(r.get(k), list) else r.get(k) for k in header] for r in rows]
    assert_same(cascade.read(write_workbook(tmp_path / "hostile.xlsx", sheets)), data)


def test_findings_carry_hostile_ids_unchanged():
    bad = ID_TEXT[7]
    with pytest.raises(cascade.InvalidCascade) as info:
        cascade.from_records({"process": [{"id": bad, "name": "p", "parent": "G-missing"}, {"id": bad, "name": "again"}]})
    assert [(f.code, f.element) for f in info.value.errors] == [("duplicate-id", bad), ("unknown-parent", bad)]


def test_rich_markup_in_names_is_printed_literally(tmp_path):
    src = tmp_path / "markup.json"
    src.write_text(json.dumps({"process": [{"id": "P1", "name": "[bold red]rich markup[/] [link=x]y[/link]"}]}))
    result = CliRunner().invoke(app, ["orphans", str(src)])
    assert result.exit_code == 0 and "[bold red]rich markup[/] [link=x]y[/link]" in result.stdout


# ------------------------------------------------------------ attribute keys


def test_safe_keys_are_kept_as_typed_after_whitespace_and_nfc():
    c = cascade.from_records({"process": [{"id": "P1", "name": "p", "  Domain\n Layanan\t": "x", "Cafe\u0301 `k` {k} // k": "y"}]})
    assert c["P1"].attrs == {"Domain Layanan": "x", "Caf\u00e9 `k` {k} // k": "y"}


@pytest.mark.parametrize(
    "key, says",
    [
        ("Domain\x00Layanan", "control character (U+0000)"),
        ("bell\x07", "control character (U+0007)"),
        *[(key, "a name cascade uses itself") for key in ("level", "Dataset", "Version")],
        ("x" * 300, "at most 256"),
    ],
)
def test_unsafe_keys_are_an_error_naming_the_column(key, says):
    with pytest.raises(cascade.InvalidCascade) as info:
        cascade.from_records({"process": [{"id": "P1", "name": "p", key: "v"}]})
    (error,) = info.value.errors
    assert error.code == "bad-header" and says in error.message and error.place.row == 1
    assert "\x00" not in error.message  # shown as \x00, not printed raw


def test_repeated_keys_are_an_error(tmp_path):
    src = write_csv_dir(tmp_path / "c", {"process.csv": "id,name,Catatan,catatan\nP1,p,a,b\n"})
    result = CliRunner().invoke(app, ["check", str(src), "--format", "json"])
    assert result.exit_code == 2
    (error,) = [f for f in json.loads(result.stdout) if f["severity"] == "error"]
    assert error["code"] == "bad-header" and 'column D "catatan" repeats the header of column C "Catatan"' in error["message"]


def test_reserved_keys_cannot_shadow_element_properties():
    c = cascade.from_records({"process": [{"id": "P1", "name": "p", "Tingkat": "x"}]})
    assert c["P1"].to_dict() == {"id": "P1", "name": "p", "level": "process", "opd": None, "Tingkat": "x"}
    assert set(RESERVED_KEYS) >= {"dataset", "id", "name", "level", "opd"}
