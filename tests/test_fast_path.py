"""The CSV fast path against the row-by-row path: the same cascade, the same findings, always.

``sources.assemble`` reads a plain table column by column and leaves anything
unusual to the row path; random CSV folders (hypothesis), plain and not, are
read both ways — the second with the fast path switched off — and must agree
element by element (places included), link by link (order included) and
finding by finding.
"""

from __future__ import annotations

import importlib

from hypothesis import HealthCheck, given, settings, strategies as st

import cascade
from workbooks import write_csv_dir

assemble = importlib.import_module("cascade.sources.assemble")   # the module (the package exports a function of that name)

LEVELS = ["strategy", "program", "process", "application"]
TEXT = st.sampled_from(["Layanan", " Perizinan ", "Arsip  daerah", "Pusat data", "", "SIMPUS", "P-Care; v2", "=1+1"])


@st.composite
def csv_folders(draw) -> dict[str, str]:
    files, ids_above = {}, []
    for lv in LEVELS:
        n = draw(st.integers(0, 12))
        ids = [f"{lv[0].upper()}{i}" for i in range(n)]
        if n and draw(st.booleans()):
            ids[draw(st.integers(0, n - 1))] = draw(st.sampled_from(ids + ids_above[:1] + [" S0 "]))   # a repeat, maybe
        rows = ["id,name,opd,parent,Indikator"]
        for i in ids:
            parents = draw(st.lists(st.sampled_from(ids_above), max_size=2)) if ids_above else []
            sep = draw(st.sampled_from([";", "; ", ","]))
            parent = sep.join(parents)
            cells = [i, draw(TEXT) or "nama", draw(TEXT), f'"{parent}"' if "," in parent else parent, draw(TEXT)]
            if draw(st.integers(0, 9)) == 0:
                cells = cells[:draw(st.integers(1, 4))]   # a short row
            rows.append(",".join(c if "," not in c or c.startswith('"') else f'"{c}"' for c in cells))
        files[f"{lv}.csv"] = "\n".join(rows) + "\n"
        ids_above += [i.strip() for i in ids]
    return files


def _read(folder):
    try:
        c = cascade.read(folder)
    except cascade.InvalidCascade as exc:
        return None, [str(f) for f in exc.findings]
    return c, [str(f) for f in c.findings]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(files=csv_folders())
def test_fast_and_row_paths_read_the_same(tmp_path_factory, monkeypatch, files):
    folder = write_csv_dir(tmp_path_factory.mktemp("kota"), files)
    fast, fast_findings = _read(folder)
    with monkeypatch.context() as m:
        m.setattr(assemble, "_plain_elements", lambda *args: None)
        slow, slow_findings = _read(folder)
    assert fast_findings == slow_findings
    assert (fast is None) == (slow is None)
    if fast is not None:
        assert list(fast.elements) == list(slow.elements)
        assert all(fast[i] == slow[i] for i in fast.elements)   # name, level, opd, attributes and place
        assert fast.links == slow.links


def test_the_fast_path_is_taken_for_a_plain_folder(tmp_path, monkeypatch):
    """The differential test means something only if the fast path runs: it does on plain tables."""
    folder = write_csv_dir(tmp_path / "kota", {"strategy.csv": "id,name\nS1,Strategi\n",
                                               "program.csv": "id,name,parent\nG1,Program,S1\n"})
    taken = []
    real = assemble._plain_elements
    monkeypatch.setattr(assemble, "_plain_elements", lambda *a: taken.append(1) or real(*a))
    c = cascade.read(folder)
    assert len(taken) == 2 and c.links == [("S1", "G1")]
