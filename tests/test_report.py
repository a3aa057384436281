"""Reports planners hand on: one collection of every finding, written as HTML, XLSX, Markdown and JSON.

The seed's findings are known (seed/README.md, seed/expected.json): the report
must carry exactly those, in every format, on both stores.
"""

from __future__ import annotations

import json
import re

import openpyxl
import pytest
from typer.testing import CliRunner

import cascade
from cascade.cli import app
from cascade.levels import level
from cascade.report import build_report, write_report
from cascade.report.html import MAX_NODES, render_html
from cascade.report.inventory import inventory
from cascade.report.tables import all_tables
from cascade.report.words import level_title, word
from cascade.report.xlsx import sheet_title
from cascade.resources import seed_file

EXPECTED = json.loads(seed_file("expected.json").read_text(encoding="utf-8"))
KIND_OF_EXPECTED = {"orphans": "orphans", "unbacked": "unbacked", "unused-applications": "unused_applications",
                    "processes-without-application": "processes_without_application"}
GENERATED = "2026-01-01T00:00:00+00:00"


@pytest.fixture(scope="module")
def seed():
    return cascade.read(cascade.seed_path())


@pytest.fixture(scope="module")
def report(seed):
    return build_report(seed, generated=GENERATED)


@pytest.fixture(scope="module")
def written(report, tmp_path_factory):
    """The seed report in every format, English and Indonesian."""
    folder = tmp_path_factory.mktemp("report")
    return {f"{lang}{ext}": write_report(report, folder / f"seed-{lang}{ext}", lang)
            for lang in ("id", "en") for ext in (".html", ".xlsx", ".md", ".json")}


def strip(rows):
    return [{k: r[k] for k in ("id", "level", "reached", "break_at")} for r in rows]


def test_report_holds_the_seed_findings(report):
    data = report.to_dict()
    for kind, key in KIND_OF_EXPECTED.items():
        assert strip(data["findings"][kind]) == EXPECTED[key], kind
    codes = [(f["code"], f["element"]) for f in data["findings"]["check"]]
    assert ("level-skip", "1.05.03") in codes
    assert data["summary"]["elements"] == {"vision": 1, "mission": 3, "goal": 9, "strategy": 21, "program": 39,
                                           "process": 75, "application": 196}
    assert data["summary"]["process_linked"]["part"] == 67 and data["summary"]["process_linked"]["whole"] == 75
    assert "unreached_elements" not in data and data["version"] == 2   # every report is whole


def test_each_strategy_is_traced_down_with_its_early_stops(report):
    assert len(report.strategies) == 21
    views = {s.id: s for s in report.strategies}
    assert views["S1.3.2"].ends == ("S1.3.2",)
    assert views["S2.1.3"].ends == ("1.04.02", "1.04.03")
    assert views["S2.2.2"].ends == ("1.04.03", "2.11.07")
    assert views["S1.1.1"].ends == () and views["S1.1.1"].counts()[level("application")] == 12


def test_json_report_is_one_object_with_everything(written, report):
    data = json.loads(written["en.json"].read_text(encoding="utf-8"))
    assert data == json.loads(json.dumps(report.to_dict()))
    assert data["format"] == "cascade-report" and data["dataset"] == "tangerang" and data["generated"] == GENERATED
    assert set(data["findings"]) == {*KIND_OF_EXPECTED, "check"}
    assert [s["id"] for s in data["strategies"]][:2] == ["S1.1.1", "S1.1.2"]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_xlsx_sheets_hold_exactly_the_json_findings(written, lang):
    data = json.loads(written[f"{lang}.json"].read_text(encoding="utf-8"))
    book = openpyxl.load_workbook(written[f"{lang}.xlsx"])
    sheets = {name: list(book[name].iter_rows(values_only=True)) for name in book.sheetnames}
    report_tables = {t.key: t for t in all_tables(build_report(cascade.read(cascade.seed_path())), lang)}

    def body(key):
        rows = sheets[sheet_title(report_tables[key], lang)]
        return [tuple("" if v is None else v for v in row) for row in rows[1:]]

    for kind in KIND_OF_EXPECTED:
        expected = [(g["id"], g["name"], g["opd"] or "", level_title(g["reached"], lang), "; ".join(g["break_at"]))
                    for g in data["findings"][kind]]
        assert [row[:5] for row in body(kind)] == expected, kind
    check = [(word(f["severity"], lang), f["code"], f["element"] or "", f["message"]) for f in data["findings"]["check"]]
    said = [(row[0], row[1], row[2], row[4]) for row in body("check")]
    if lang == "en":
        assert said == check
    else:   # the same findings, said in Indonesian: severities and messages
        assert [s[:3] for s in said] == [c[:3] for c in check] and {s[0] for s in said} == {"peringatan"}
        assert all(s[3] != c[3] and re.search(r"tidak|melompati", s[3]) for s, c in zip(said, check))
        assert ("peringatan", "level-skip", "1.05.03", "tautan T2.2 (tujuan) → 1.05.03 (program) melompati strategi") in said
    opd = {row[2]: row[3] for row in body("check")}   # a column to filter the findings per OPD
    assert opd["S1.3.2"] == "DP3AP2KB" and opd["PB-017"] == "Dinas Sosial"
    assert [row[0] for row in body("strategies")] == [s["id"] for s in data["strategies"]]
    coverage = [(level_title(r["level"], lang), r["elements"], r["with_parent"], r["anchored"], r["with_child"])
                for r in data["coverage"]["rows"]]
    assert body("coverage") == coverage


def test_xlsx_sheets_are_ready_to_hand_out(written):
    book = openpyxl.load_workbook(written["id.xlsx"])
    assert book.sheetnames[0] == "Ringkasan"
    orphans = book["Proses bisnis tanpa strategi"]
    header = [c.value for c in orphans[1]]
    assert header[:5] == ["Kode", "Uraian", "Perangkat daerah", "Tingkat tertinggi yang dicapai", "Rantai terputus di"]
    assert orphans.freeze_panes == "A2" and orphans.auto_filter.ref == f"A1:G{orphans.max_row}"
    assert orphans.max_row == 1 + len(EXPECTED["orphans"])
    assert all(orphans.column_dimensions[c].width >= 6 for c in "ABCDEFG")
    assert orphans["A1"].font.bold
    skips = {row[0]: row[6] for row in orphans.iter_rows(min_row=2, values_only=True)}
    assert header[6] == "Tautan yang melompati tingkat" and skips["PB-056"] == "T2.2 (Tujuan), melompati Strategi"
    assert skips["PB-019"] is None                      # its chain just stops: no link passes over a level
    summary = {row[0]: row[1:] for row in book["Ringkasan"].iter_rows(min_row=2, values_only=True)}
    assert summary["Proses bisnis dengan tautan strategis"] == (67, 75, pytest.approx(67 / 75))   # numbers, not "67/75 (89%)"
    assert summary["Proses bisnis"] == (75, None, None)
    for lang in ("id", "en"):   # names made to fit Excel's 31 characters, none cut
        names = openpyxl.load_workbook(written[f"{lang}.xlsx"], read_only=True).sheetnames
        assert "Aplikasi tanpa proses bisnis" in names or "Unused applications" in names
        assert all(len(n) <= 31 for n in names) and not any(n.endswith((" pro", " d", " bisn")) for n in names)


def test_markdown_has_every_section_as_a_table(written):
    md = written["en.md"].read_text(encoding="utf-8")
    assert md.startswith("# Planning cascade report — tangerang\n*Laporan cascade perencanaan*")
    for heading in ("## Orphan processes: no strategy above", "## Unbacked strategies: no process below",
                    "## Structural check findings", "## What each strategy comes down to"):
        assert heading in md
    assert "| PB-059 | Penertiban dan pengamanan ketertiban umum | Satpol PP | Program | 1.05.02; 1.05.03 |" in md


def test_html_is_self_contained_and_bilingual(written):
    page = written["id.html"].read_text(encoding="utf-8")
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page), "nothing may be fetched"
    assert "@import" not in page and "url(" not in page
    assert '<h2>Proses bisnis tanpa strategi<span class="sub">Orphan processes: no strategy above</span></h2>' in page
    english = written["en.html"].read_text(encoding="utf-8")
    assert '<h2>Orphan processes: no strategy above<span class="sub">Proses bisnis tanpa strategi</span></h2>' in english
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" class="trace"') == 21
    assert page.count('class="chart"') == 3
    assert "@media print" in page and "size: A4" in page


def test_strategy_pictures_are_capped_and_say_so():
    wide = cascade.from_records({
        "strategy": [{"id": "S1", "name": "Strategi besar"}],
        "program": [{"id": f"G{i}", "name": f"Program {i}", "parent": "S1"} for i in range(MAX_NODES + 20)],
    })
    page = render_html(build_report(wide), "en")
    assert f'data-shown="{MAX_NODES}" data-total="{MAX_NODES + 21}"' in page
    assert f"showing {MAX_NODES} of {MAX_NODES + 21} elements" in page and "+21 more" in page


def test_progress_is_reported(seed):
    seen = []
    build_report(seed, progress=lambda what, done, total: seen.append((what, done, total)))
    assert seen[0][:2] == ("coverage", 1) and seen[-1][1] == seen[-1][2] and "trace S3.2.3" in seen[-1][0]


def test_the_inventory_is_read_through_the_protocol(store, seed):
    found = inventory(store(seed))
    assert found.nodes == {e.id: (e.name, e.level, e.opd) for e in seed} and found.links == set(seed.links)


def test_a_flawless_cascade_from_any_store_is_reported_whole(store):
    """No finding leads to a sub-cascade without gaps: the report still draws every strategy in it."""
    clean = cascade.from_records({"vision": [{"id": "V1", "name": "v"}], "mission": [{"id": "M1", "name": "m", "parent": "V1"}],
                                  "goal": [{"id": "T1", "name": "t", "parent": "M1"}],
                                  "strategy": [{"id": "S1", "name": "s", "parent": "T1"}],
                                  "program": [{"id": "G1", "name": "g", "parent": "S1"}],
                                  "process": [{"id": "P1", "name": "p", "parent": "G1"}],
                                  "application": [{"id": "A1", "name": "a", "parent": "P1"}]})
    built = build_report(store(clean))
    assert [s.id for s in built.strategies] == ["S1"] and len(built.names) == 7


def nameless(data: dict) -> dict:
    """A JSON report without its dataset's name (a test's dataset in Neo4j has a name of its own)."""
    return {**data, "dataset": None}


def test_report_is_the_same_on_both_stores(store, seed, report):
    other = build_report(store(seed), generated=GENERATED, source=report.source)
    assert nameless(other.to_dict()) == nameless(report.to_dict())   # places included
    assert render_html(other, "en").count('class="trace"') == 21


def test_cli_report_writes_every_format(tmp_path):
    outs = [tmp_path / f"r{ext}" for ext in (".html", ".xlsx", ".md", ".json", ".xml", ".sarif")]
    args = ["report", str(cascade.seed_path()), "--lang", "en"]
    for out in outs:
        args += ["--out", str(out)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert all(out.stat().st_size > 1000 for out in outs)
    assert result.stdout == ""
    bad = CliRunner().invoke(app, ["report", str(cascade.seed_path()), "--out", str(tmp_path / "r.pdf")])
    assert bad.exit_code == 2 and ".html" in bad.stderr


def test_cli_trace_draws_a_picture(tmp_path):
    seed = str(cascade.seed_path())
    for ext in (".svg", ".html"):
        result = CliRunner().invoke(app, ["trace", "S2.1.3", seed, "--out", str(tmp_path / f"t{ext}")])
        assert result.exit_code == 0, result.output
    svg = (tmp_path / "t.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and 'class="node end L4" data-id="1.04.02"' in svg
    assert "<svg" in (tmp_path / "t.html").read_text(encoding="utf-8")
    up = CliRunner().invoke(app, ["trace", "APL-050", seed, "--up", "--depth", "2", "--out", str(tmp_path / "up.svg")])
    assert up.exit_code == 0 and 'node end' not in (tmp_path / "up.svg").read_text(encoding="utf-8")
    assert CliRunner().invoke(app, ["trace", "S2.1.3", seed, "--out", str(tmp_path / "t.gif")]).exit_code == 2


def test_cli_trace_png(tmp_path):
    pytest.importorskip("cairosvg", reason="PNG pictures need cairosvg (pip install cairosvg)")
    result = CliRunner().invoke(app, ["trace", "S1.1.1", str(cascade.seed_path()), "--out", str(tmp_path / "t.png")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "t.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_cli_report_of_a_dataset_in_neo4j(neo4j_store, neo4j_settings, seed, report, tmp_path):
    """`cascade report --dataset NAME`: the same document from the graph database."""
    store = neo4j_store(seed)
    out = tmp_path / "neo4j.json"
    result = CliRunner().invoke(app, ["report", "--dataset", store.dataset, "--uri", neo4j_settings.uri,
                                      "--database", neo4j_settings.database, "--out", str(out), "--fail-on", "unbacked"])
    assert result.exit_code == 1, result.output  # the seed has unbacked strategies
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["dataset"] == store.dataset and data["source"] == report.source   # the loaded version's source
    expected = {**report.to_dict(), "generated": data["generated"]}
    assert nameless(data) == nameless(expected)
    assert all(f["file"] and f["row"] for f in data["findings"]["check"])   # every finding says where to fix it


def test_strategy_traces_built_from_the_inventory_equal_the_store_traces(seed, report):
    store = cascade.store_of(seed)
    for view in report.strategies:
        trace = store.trace(view.id, "down")
        assert (view.trace.nodes, view.trace.edges) == (trace.nodes, trace.edges), view.id


@pytest.mark.neo4j
def test_every_report_from_neo4j_equals_the_one_from_the_file(neo4j_store, tmp_path):
    """10⁴ synthetic elements: the HTML, Markdown and JSON reports are the same text, the XLSX the
    same sheets cell by cell, whether read from the CSV folder or from the dataset loaded from it."""
    import dataclasses

    import openpyxl

    from cascade.report import write_report
    from cascade.synthetic import write_csv

    write_csv(tmp_path / "kota", 10_000)
    c = cascade.read(tmp_path / "kota")
    embedded = build_report(c, generated=GENERATED)
    loaded = dataclasses.replace(build_report(neo4j_store(c), generated=GENERATED), dataset=embedded.dataset)
    assert loaded.source == embedded.source == str(tmp_path / "kota")
    assert len(loaded.strategies) == len(embedded.strategies) == sum(1 for e in c if e.level == c.schema.strategy)
    for ext in ("html", "md", "json"):
        a, b = (write_report(r, tmp_path / f"{name}.{ext}", "id") for name, r in (("file", embedded), ("neo4j", loaded)))
        assert a.read_text(encoding="utf-8") == b.read_text(encoding="utf-8"), ext
    books = [openpyxl.load_workbook(write_report(r, tmp_path / f"{name}.xlsx", "id"))
             for name, r in (("file", embedded), ("neo4j", loaded))]
    assert books[0].sheetnames == books[1].sheetnames
    for sheet in books[0].sheetnames:
        rows = [[[cell.value for cell in row] for row in book[sheet].iter_rows()] for book in books]
        assert rows[0] == rows[1], sheet
    check = json.loads((tmp_path / "neo4j.json").read_text())["findings"]["check"]
    assert check and all(f["file"] and f["row"] for f in check)
