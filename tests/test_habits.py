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
