"""The habits of cascade's users, typed the way they type them ("The habits of its users").

Help that ends with examples and shows no type next to a flag, choices in any
case, cypher-shell's connection flags, wording ("1 error"), findings in the
order of the source's rows, a misspelled file named, a typo's closest id and
dataset, and what a missing PATH means — on both stores where a store answers.
"""

from __future__ import annotations

import json
import re

import pytest
import typer
from typer.testing import CliRunner

import cascade
from cascade.cli import app
from cascade.stores.base import UnknownElement, default_dataset
from workbooks import write_csv_dir

runner = CliRunner()
SEED = cascade.seed_path()


def run(*args, **kw):
    return runner.invoke(app, [str(a) for a in args], **kw)


def _commands(group: typer.Typer, prefix=()):
    for info in group.registered_commands:
        yield (*prefix, info.name or info.callback.__name__)
    for sub in group.registered_groups:
        yield from _commands(sub.typer_instance, (*prefix, sub.name))


COMMANDS = sorted(_commands(app))


def test_every_command_is_listed():
    assert {"check", "orphans", "cypher", "query", "load", "datasets"} <= {c[0] for c in COMMANDS}
    assert ("baseline", "init") in COMMANDS


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_help_ends_with_examples_and_shows_no_type_next_to_a_flag(command):
    result = run(*command, "-h", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    text = result.output.rstrip()
    assert "<bool>" not in text
    tail = text[text.rindex("╰"):]                     # what follows the last options panel
    assert "Examples:" in tail
    examples = [line.strip() for line in tail.splitlines() if line.strip().startswith("cascade ")]
    assert 1 <= len(examples) <= 2
    assert all(line.split()[1:1 + len(command)] == list(command) for line in examples)


def test_top_level_help_and_version_short_flags():
    assert "<bool>" not in run("-h").output
    assert re.match(r"cascade \S+ \(neo4j driver \S+\)", run("-v").output)
    assert run("cypher", "--version").output == run("--version").output


def test_choices_in_any_case_and_errors_without_pydantic_prefix():
    upper = run("orphans", SEED, "-F", "JSON")
    assert upper.exit_code == 0, upper.output
    assert json.loads(upper.stdout) == json.loads(run("orphans", SEED, "-F", "json").stdout)
    by = run("coverage", SEED, "--by", "OPD")
    assert by.exit_code == 0 and "Coverage per OPD and level" in by.output
    bad = run("orphans", SEED, "-F", "xml")
    assert bad.exit_code == 2
    assert "'xml' is not one of" in bad.output and "Value error" not in bad.output


def test_dataset_has_no_short_flag_and_connection_flags_are_cypher_shells():
    for flag in ("-a", "-u", "-p", "-d"):
        assert flag in run("orphans", "-h", env={"COLUMNS": "200"}).output
    help_text = run("orphans", "-h", env={"COLUMNS": "200"}).output
    dataset_row = next(line for line in help_text.splitlines() if "--dataset" in line)
    assert re.search(r"--dataset\s+-\w\b", dataset_row) is None
    cypher_help = run("cypher", "-h", env={"COLUMNS": "200"}).output
    assert re.search(r"--param\s+-P\b", cypher_help) and re.search(r"--database\s+-d\b", cypher_help)


def test_counts_are_worded_in_the_right_number(tmp_path):
    one = write_csv_dir(tmp_path / "one", {"program.csv": "id,name,parent\nG1,Program,S9\n"})
    result = run("check", one)
    assert result.exit_code == 2
    assert "1 error, 0 warnings in" in result.output and "1 errors" not in result.output


def test_check_lists_findings_in_the_order_of_the_rows():
    result = run("check", SEED, "-F", "json")
    rows: dict[str, list[int]] = {}
    for f in json.loads(result.stdout):
        if f["row"]:
            rows.setdefault(f["sheet"], []).append(f["row"])
    assert len(rows["Program"]) > 3
    assert all(found == sorted(found) for found in rows.values()), rows


def test_a_misspelled_file_is_named_where_its_rows_are_missed(tmp_path):
    folder = write_csv_dir(tmp_path / "kota", {
        "strategy.csv": "id,name\nS1,Strategi\n",
        "progam.csv": "id,name,parent\nP1,Program,S1\n",
        "process.csv": "id,name,parent\nPB1,Proses,P1\n",
    })
    checked = run("check", folder)
    assert "progam.csv" in checked.output and "did you mean program.csv?" in checked.output
    assert re.search(r"progam\.csv: warning", checked.output)
    analysed = run("orphans", folder)
    assert analysed.exit_code == 2
    assert "parent P1 of PB1 does not exist" in analysed.output and "progam.csv was not read" in analysed.output


def test_a_typo_suggests_the_closest_id_on_both_stores(store):
    s = store(cascade.read(SEED))
    with pytest.raises(UnknownElement) as caught:
        s.trace("S1.1.9")
    assert "S1.1.1" in caught.value.near and "did you mean" in str(caught.value)
    with pytest.raises(UnknownElement) as far:
        s.trace("S9.9.9")
    assert far.value.near and all(i.startswith("S") for i in far.value.near)


def test_the_dataset_meant_when_none_is_named():
    assert default_dataset(["tangerang"]) == "tangerang"
    assert default_dataset([]) == "default"
    assert default_dataset(["kota", "default"]) == "default"
    with pytest.raises(ValueError, match=r"2 datasets are loaded \(kota, kab\): choose one with --dataset NAME"):
        default_dataset(["kota", "kab"])


def test_no_path_and_no_server_says_a_path_was_expected():
    result = run("orphans", env={"NEO4J_URI": "bolt://127.0.0.1:9"})
    assert result.exit_code == 3
    assert "no PATH was given" in result.output and "cannot reach Neo4j" in result.output
    assert "give its path" in result.output


def test_the_throwaway_servers_memory_is_explained():
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    shown = subprocess.run([sys.executable, "scripts/neo4j_server.py", "start", "--help"], cwd=root,
                           capture_output=True, text=True, timeout=60).stdout
    assert re.search(r"--heap HEAP\s+Java heap of the server", shown)
    assert "--heap 1g" in (root / "README.md").read_text(encoding="utf-8")


def test_a_load_counts_the_warnings_check_counts(neo4j_cli, neo4j_settings):
    from cascade.stores.neo4j import Neo4jStore
    from conftest import unique_dataset

    dataset = unique_dataset()
    checked = run("check", SEED)
    warnings = re.search(r"(\d+) warnings? in", checked.output).group(1)
    loaded = neo4j_cli("load", SEED, "--dataset", dataset)
    try:
        assert loaded.returncode == 0, loaded.stderr
        assert f"{warnings} warnings (they do not stop the load" in loaded.stderr
    finally:
        with Neo4jStore.connect(neo4j_settings, dataset) as store:
            store.drop()


# -- breaks and skips, visible wherever a chain is shown -------------------------------------------


def test_an_orphan_traced_up_shows_the_strategy_it_never_reaches(store):
    from cascade.draw import trace_svg
    from cascade.report.words import picture_words

    up = store(cascade.read(SEED)).trace("PB-056", "up")
    tree = up.tree()
    assert [n.skips for n in (tree, tree.children[0])] == [(), ()]
    goal = tree.children[0].children[0]
    assert goal.id == "T2.2" and [lv.name for lv in goal.skips] == ["strategy"]
    assert up.to_dict()["tree"]["children"][0]["children"][0]["skips"] == ["strategy"]
    for lang, said in (("en", "✗ no strategy: skipped"), ("id", "✗ tidak ada strategi: dilompati")):
        svg = trace_svg(up, words=picture_words(lang))
        gap = re.search(r'<g class="gap" data-level="strategy">.*?</g>', svg)
        assert gap and said in gap.group(0)
        assert svg.count('<path class="skip"') == 1


def test_the_terminal_tree_marks_skips_and_early_stops():
    up = run("trace", "PB-056", SEED, "--up", env={"COLUMNS": "250"})
    assert re.search(r"goal T2\.2 .*⚠ the link skips strategy", up.output)
    stopped = run("trace", "S1.3.2", SEED, env={"COLUMNS": "250"})
    assert "strategy S1.3.2" in stopped.output and "✗ chain stops here" in stopped.output
    cut = run("trace", "T2.2", SEED, "--depth", "1", env={"COLUMNS": "250"})
    assert "✗ chain stops here" not in cut.output and "⚠ the link skips strategy" in cut.output


def test_a_picture_written_as_a_planner_asks_is_in_their_language(tmp_path):
    picture = tmp_path / "pb-056.png"
    made = run("trace", "PB-056", SEED, "--up", "--out", picture, "--lang", "id")
    assert made.exit_code == 0, made.output
    import numpy as np
    from PIL import Image

    pixels = np.asarray(Image.open(picture).convert("RGB")).astype(int)
    reds = int(((pixels[..., 0] > 180) & (pixels[..., 1] < 80) & (pixels[..., 2] < 80)).sum())
    assert reds > 200                                  # the red mark of the missing strategy is drawn
    svg = tmp_path / "pb-056.svg"
    run("trace", "PB-056", SEED, "--up", "--out", svg, "--lang", "id")
    assert "(ke atas)" in svg.read_text(encoding="utf-8") and "tidak ada strategi" in svg.read_text(encoding="utf-8")


def test_the_reports_tables_say_where_a_chain_skips():
    from cascade.report import build_report
    from cascade.report.tables import break_table, gap_table

    report = build_report(cascade.read(SEED))
    orphans = {row[0]: row[-1] for row in gap_table(report, "orphans", "en").rows}
    assert orphans["PB-056"] == "T2.2 (Goal), skipping Strategy" and orphans["PB-019"] == ""
    breaks = {row[0]: row[-1] for row in break_table(report, "orphans", "id").rows}
    assert breaks["1.05.03"] == "T2.2 (Tujuan), melompati Strategi" and breaks["2.08.02"] == ""


def test_the_language_follows_the_locale():
    from cascade.report.words import default_lang

    assert default_lang({"LANG": "en_GB.UTF-8"}) == "en" and default_lang({"LC_ALL": "id_ID.UTF-8", "LANG": "en_US"}) == "id"
    assert default_lang({}) == "id" and default_lang({"LANG": "C.UTF-8"}) == "id"


# -- Excel-ready output -------------------------------------------------------------------------------

PERUBAHAN = SEED.parent / "tangerang-perubahan.xlsx"
ANALYSES = {
    "orphans": ["orphans", SEED], "unbacked": ["unbacked", SEED], "trace": ["trace", "S1.1.1", SEED],
    "coverage": ["coverage", SEED, "--by", "opd"], "check": ["check", SEED], "impact": ["impact", "APL-001", SEED],
    "redundant": ["redundant", SEED], "diff": ["diff", SEED, PERUBAHAN],
}


def _book(path):
    import openpyxl

    book = openpyxl.load_workbook(path)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book}


@pytest.mark.parametrize("analysis", sorted(ANALYSES))
def test_every_analysis_writes_a_workbook_in_the_planners_language(analysis, tmp_path):
    target = tmp_path / f"{analysis}.xlsx"
    made = run(*ANALYSES[analysis], "-F", "xlsx", "--out", target, "--lang", "id")
    assert made.exit_code == 0, made.output
    sheets = _book(target)
    assert sheets and all(len(title) <= 31 for title in sheets)
    headers = [h for rows in sheets.values() for h in rows[0]]
    assert not {"id", "name", "level", "severity", "change"} & set(headers)     # said in Indonesian
    assert run(*ANALYSES[analysis], "--out", tmp_path / "by-suffix.xlsx", "--lang", "id").exit_code == 0
    assert _book(tmp_path / "by-suffix.xlsx") == sheets                             # the suffix chooses the format


def test_workbook_counts_are_numbers_and_shares_percentages(tmp_path):
    run("coverage", SEED, "-o", tmp_path / "c.xlsx", "--lang", "en")
    import openpyxl

    book = openpyxl.load_workbook(tmp_path / "c.xlsx")
    counts = list(book["Coverage per level"].iter_rows(min_row=2, values_only=True))
    assert ("Process", 75, 74, 67, 69) in counts or any(r[0] == "Process" and isinstance(r[1], int) for r in counts)
    shares = book["Shares"]
    linked = next(r for r in shares.iter_rows(min_row=2) if r[0].value == "Processes with a strategic link")
    assert (linked[1].value, linked[2].value) == (67, 75) and linked[3].number_format == "0%"
    assert linked[3].value == pytest.approx(67 / 75)


def test_excel_csv_opens_in_an_indonesian_excel(tmp_path):
    evil = write_csv_dir(tmp_path / "kota", {
        "strategy.csv": "id,name\nS1,Strategi\n",
        "process.csv": "id,name,parent,opd\nP1,\"=HYPERLINK(\"\"http://x\"\",\"\"klik\"\")\",,Dinas A\n",
    })
    made = runner.invoke(app, ["orphans", str(evil), "--excel", "--lang", "id"])
    assert made.exit_code == 0, made.output
    data = made.stdout_bytes
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == "Kode;Uraian;Tingkat;Perangkat daerah;Tingkat tertinggi yang dicapai;Rantai terputus di"
    assert lines[1] == 'P1;"\'=HYPERLINK(""http://x"",""klik"")";Proses bisnis;Dinas A;Proses bisnis;P1'   # shown, never run
    written = tmp_path / "orphans.csv"
    assert run("orphans", evil, "--excel", "-o", written).exit_code == 0
    assert written.read_bytes() == data


def test_a_workbook_needs_a_file_and_excel_csv_is_csv():
    assert "add --out FILE.xlsx" in run("orphans", SEED, "-F", "xlsx").output
    refused = run("orphans", SEED, "--excel", "-F", "json")
    assert refused.exit_code == 2 and "--excel writes CSV" in refused.output


def test_a_workbook_from_neo4j_equals_the_one_from_the_file(neo4j_cli, neo4j_settings, tmp_path):
    from cascade.stores.neo4j import Neo4jStore
    from conftest import unique_dataset

    dataset = unique_dataset()
    assert neo4j_cli("load", SEED, "--dataset", dataset).returncode == 0
    try:
        for analysis in ("orphans", "coverage"):
            from_server = neo4j_cli(analysis, "--dataset", dataset, "-o", tmp_path / f"{analysis}-neo4j.xlsx", "--lang", "id")
            assert from_server.returncode == 0, from_server.stderr
            assert run(analysis, SEED, "-o", tmp_path / f"{analysis}-file.xlsx", "--lang", "id").exit_code == 0
            assert _book(tmp_path / f"{analysis}-neo4j.xlsx") == _book(tmp_path / f"{analysis}-file.xlsx")
    finally:
        with Neo4jStore.connect(neo4j_settings, dataset) as store:
            store.drop()


def test_the_readmes_commands_run_as_written(tmp_path):
    """Every line of the README's "Commands" block, run in a shell on a copy of the seed."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    text = (root / "README.md").read_text(encoding="utf-8")
    block = text.split("## Commands", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    (tmp_path / "seed").mkdir()
    shutil.copy(SEED, tmp_path / "seed" / SEED.name)
    bin_dir = Path(sys.executable).parent
    env = {k: v for k, v in __import__("os").environ.items() if not k.startswith("NEO4J_")}
    env["PATH"] = f"{bin_dir}{__import__('os').pathsep}{env.get('PATH', '')}"
    lines = [line.split("  #")[0].strip() for line in block.splitlines() if line.strip()]
    assert len(lines) >= 15
    for line in lines:
        if "| jq" in line and shutil.which("jq") is None:
            line = line.split("|")[0]
        done = subprocess.run(line, shell=True, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, (line, done.stderr[-500:])
        assert "Traceback" not in done.stderr
    assert (tmp_path / "orphans.xlsx").stat().st_size > 1000
    assert (tmp_path / "orphans.csv").read_bytes().startswith(b"\xef\xbb\xbf")


# -- no silent waits ---------------------------------------------------------------------------------


def _on_a_terminal(args, env=None, timeout=120) -> str:
    """What a terminal shows while ``cascade ARGS`` runs (stderr and stdout, as a planner sees them)."""
    import os
    import sys

    import pexpect

    child = pexpect.spawn(sys.executable, ["-m", "cascade", *map(str, args)], env={**os.environ, **(env or {}), "TERM": "xterm"},
                          encoding="utf-8", dimensions=(40, 200), timeout=timeout)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", child.before)   # the words, without the terminal's controls


def test_reading_a_large_source_says_what_it_is_doing(tmp_path):
    from cascade import synthetic

    synthetic.write_csv(tmp_path / "nasional", 100_000)
    shown = _on_a_terminal(["orphans", tmp_path / "nasional", "-F", "json"])
    assert f"reading {tmp_path / 'nasional'}…" in shown and "finding orphans: process → strategy…" in shown


def test_a_load_says_when_it_publishes(neo4j_env, neo4j_settings, tmp_path):
    from cascade import synthetic
    from cascade.stores.neo4j import Neo4jStore
    from conftest import unique_dataset

    synthetic.write_csv(tmp_path / "kota", 20_000)
    dataset = unique_dataset()
    try:
        shown = _on_a_terminal(["load", tmp_path / "kota", "--dataset", dataset, "--batch-size", "2000"], env=neo4j_env)
        assert "loading" in shown and "publishing version 1" in shown and "loaded dataset" in shown
        from_server = _on_a_terminal(["orphans", "--dataset", dataset, "-F", "json"], env=neo4j_env)
        assert "connecting to Neo4j at" in from_server and "finding orphans" in from_server
    finally:
        with Neo4jStore.connect(neo4j_settings, dataset) as store:
            store.drop()


def test_ci_formats_and_plain_tables_go_to_the_file_named(tmp_path):
    made = run("orphans", SEED, "-F", "junit", "-o", tmp_path / "orphans.xml")
    assert made.exit_code == 0 and made.stdout == ""
    assert (tmp_path / "orphans.xml").read_text(encoding="utf-8").startswith("<?xml")
    assert run("check", SEED, "-F", "sarif", "-o", tmp_path / "check.sarif").exit_code == 0
    assert '"version": "2.1.0"' in (tmp_path / "check.sarif").read_text(encoding="utf-8")
    assert run("orphans", SEED, "-o", tmp_path / "orphans.txt").exit_code == 0
    assert "PB-019" in (tmp_path / "orphans.txt").read_text(encoding="utf-8")
    refused = run("orphans", SEED, "-o", tmp_path / "orphans.gif")
    assert refused.exit_code == 2 and "cannot write orphans.gif" in refused.output
    assert "only cascade trace draws pictures" in run("orphans", SEED, "-o", tmp_path / "o.svg").output
