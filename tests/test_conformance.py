"""One meaning, two engines: the memory store and the Neo4j store give the same answers.

Every test here runs on both stores (the ``store`` fixture) with the expectations
written out once; the seed workbook and random cascades (hypothesis) are
compared store against store on every analysis.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import cascade
from cascade.levels import LEVELS
from cascade.resources import seed_file
from cascade.stores.base import UnknownElement
from conftest import cascade_of, unique_dataset

PAIRS = list(itertools.combinations([lv.name for lv in LEVELS], 2))  # (upper, lower), every span


def gaps(result) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(g.id, g.reached.name, g.break_at) for g in result]


def codes(findings) -> list[tuple[str, str]]:
    return [(f.code, f.element) for f in findings]


def shape(node) -> tuple:
    """A trace tree as (id, children…), a reference as (id, "ref")."""
    return (node.id, "ref") if node.ref else (node.id, *[shape(c) for c in node.children])


def rows(coverage) -> list[tuple]:
    return [(r.level.name, r.opd, r.elements, r.with_parent, r.anchored, r.with_child) for r in coverage.rows]


# -- DESIGN.md's worked example --------------------------------------------

WORKED = dict(vision="V", mission="M<V", goal="T<M", strategy="S<T", program="G", process="P<G Q")


def test_worked_example(store):
    s = store(cascade_of(**WORKED))
    assert gaps(s.orphans()) == [("P", "program", ("G",)), ("Q", "process", ("Q",))]
    assert codes(s.check()) == [
        ("no-children", "S"), ("no-parent", "G"), ("unanchored", "P"), ("no-children", "P"),
        ("no-parent", "Q"), ("no-children", "Q"),
    ]


def test_worked_example_with_a_skip_is_still_an_orphan(store):
    s = store(cascade_of(**{**WORKED, "program": "G<T"}))
    assert gaps(s.orphans()) == [("P", "program", ("G",)), ("Q", "process", ("Q",))]
    findings = s.check()
    assert codes(findings) == [
        ("no-children", "S"), ("level-skip", "G"), ("no-children", "P"), ("no-parent", "Q"), ("no-children", "Q"),
    ]
    assert findings[1].message == "link T (goal) → G (program) skips strategy"


def test_worked_example_coverage(store):
    cov = store(cascade_of(**WORKED)).coverage()
    assert rows(cov) == [
        ("vision", None, 1, 0, 1, 1), ("mission", None, 1, 1, 1, 1), ("goal", None, 1, 1, 1, 1),
        ("strategy", None, 1, 1, 1, 0), ("program", None, 1, 0, 0, 1), ("process", None, 2, 1, 0, 0),
        ("application", None, 0, 0, 0, 0),
    ]
    assert cov.process_linked == {None: cascade.Share(0, 2)}
    assert cov.strategy_backed == {None: cascade.Share(0, 1)}


# -- edge cases --------------------------------------------------------------


def test_multi_parent_break_at_is_the_sorted_union(store):
    s = store(cascade_of(goal="T", strategy="S<T", program="G2 G1 G3<S G4<T", process="P<G2,G1 R<G1,G3 U<G4,G1"))
    assert gaps(s.orphans()) == [("P", "program", ("G1", "G2")), ("U", "program", ("G1", "G4"))]


def test_multi_parent_unbacked(store):
    s = store(cascade_of(strategy="S1 S2 S3", program="G1<S1 G2<S1,S2 G3<S3", process="P<G3"))
    assert gaps(s.unbacked()) == [("S1", "program", ("G1", "G2")), ("S2", "program", ("G2",))]


def test_no_parent_at_each_level(store):
    names = [lv.name for lv in LEVELS]
    s = store(cascade_of(**{name: name for name in names}))  # one element per level, named by it, unlinked
    for upper, lower in PAIRS:
        assert gaps(s.orphans(lower, upper)) == [(lower, lower, (lower,))], (upper, lower)
        assert gaps(s.unbacked(upper, lower)) == [(upper, upper, (upper,))], (upper, lower)
    expected = []
    for name in names:
        expected += [("no-parent", name)] if name != names[0] else []
        expected += [("no-children", name)] if name != names[-1] else []
    assert codes(s.check()) == expected


def test_isolated_elements(store):
    s = store(cascade_of(strategy="S1 S2", process="P1<S1 P2", application="A1<P1 A2"))
    assert gaps(s.orphans()) == [("P2", "process", ("P2",))]
    assert gaps(s.unbacked()) == [("S2", "strategy", ("S2",))]
    assert gaps(s.orphans("application", "process")) == [("A2", "application", ("A2",))]
    assert [(r.level.name, r.elements, r.with_parent, r.with_child) for r in s.coverage().rows if r.elements] == [
        ("strategy", 2, 0, 1), ("process", 2, 1, 1), ("application", 2, 1, 0),
    ]


def test_empty_levels(store):
    s = store(cascade_of(vision="V", application="A<V"))
    assert s.orphans() == [] and s.unbacked() == []
    assert gaps(s.orphans("application", "process")) == [("A", "application", ("A",))]
    assert gaps(s.unbacked("vision", "process")) == [("V", "vision", ("V",))]
    assert s.unbacked("vision", "application") == []
    cov = s.coverage()
    assert [r for r in rows(cov) if r[2]] == [("vision", None, 1, 0, 1, 1), ("application", None, 1, 1, 1, 0)]
    assert len(cov.rows) == len(LEVELS)
    assert cov.process_linked == {None: cascade.Share(0, 0)} and cov.strategy_backed == {None: cascade.Share(0, 0)}
    findings = s.check()
    assert codes(findings) == [("level-skip", "A")]
    assert findings[0].message == "link V (vision) → A (application) skips mission, goal, strategy, program, process"


def test_unbacked_mirror_cases(store):
    s = store(cascade_of(strategy="S1 S2 S3 S4 S5", program="G1<S1 G3<S3 G4a<S4 G4b<S4", process="P3<G3", application="A5<S5"))
    assert gaps(s.unbacked()) == [
        ("S1", "program", ("G1",)), ("S2", "strategy", ("S2",)), ("S4", "program", ("G4a", "G4b")),
        ("S5", "strategy", ("S5",)),
    ]


def test_presets_unused_applications_and_processes_without_application(store):
    s = store(cascade_of(program="G", process="P1 P2", application="A1<P1 A2 A3<G"))
    assert gaps(s.orphans("application", "process")) == [("A2", "application", ("A2",)), ("A3", "application", ("A3",))]
    assert gaps(s.unbacked("process", "application")) == [("P2", "process", ("P2",))]


def test_orphans_above_the_default_span(store):
    s = store(cascade_of(vision="V", mission="M1<V M2", goal="T1<M1 T2<M2 T3"))
    assert gaps(s.orphans("goal", "vision")) == [("T2", "mission", ("M2",)), ("T3", "goal", ("T3",))]
    with pytest.raises(ValueError):
        s.orphans("strategy", "process")


# -- trace -------------------------------------------------------------------

DIAMOND = dict(strategy="S", program="G1<S G2<S", process="P<G1,G2,S", application="A<P")


def test_trace_down_shows_an_element_reached_twice_once(store):
    t = store(cascade_of(**DIAMOND)).trace("S")
    assert shape(t.tree()) == ("S", ("G1", ("P", ("A",))), ("G2", ("P", "ref")), ("P", "ref"))
    assert t.paths() == [["S", "G1", "P", "A"], ["S", "G2", "P", "A"], ["S", "P", "A"]]
    assert t.nodes["P"] == ("process P", cascade.level("process"), None)


def test_trace_down_with_depth_keeps_links_among_reached_elements(store):
    t = store(cascade_of(**DIAMOND)).trace("S", depth=1)
    assert set(t.nodes) == {"S", "G1", "G2", "P"}
    assert shape(t.tree()) == ("S", ("G1", ("P",)), ("G2", ("P", "ref")), ("P", "ref"))


def test_trace_up(store):
    s = store(cascade_of(**DIAMOND))
    assert shape(s.trace("A", "up").tree()) == ("A", ("P", ("S",), ("G1", ("S", "ref")), ("G2", ("S", "ref"))))
    assert shape(s.trace("A", "up", depth=1).tree()) == ("A", ("P",))
    assert shape(s.trace("A", "up", depth=0).tree()) == ("A",)


def test_trace_of_an_unknown_element(store):
    s = store(cascade_of(**DIAMOND))
    with pytest.raises(UnknownElement):
        s.trace("NOPE")
    with pytest.raises(ValueError):
        s.trace("S", "sideways")


# -- coverage and check ------------------------------------------------------


def test_coverage_by_opd(store):
    s = store(cascade_of(strategy="S1@Bappeda S2@Dinkes", program="G1@Bappeda<S1", process="P1@Bappeda<G1 P2@Dinkes P3<G1"))
    cov = s.coverage(by="opd")
    assert rows(cov) == [
        ("strategy", "Bappeda", 1, 0, 0, 1), ("program", "Bappeda", 1, 1, 0, 1), ("process", "Bappeda", 1, 1, 0, 0),
        ("strategy", "Dinkes", 1, 0, 0, 0), ("process", "Dinkes", 1, 0, 0, 0),
        ("process", None, 1, 1, 0, 0),
    ]
    assert list(cov.process_linked.items()) == [
        ("Bappeda", cascade.Share(1, 1)), ("Dinkes", cascade.Share(0, 1)), (None, cascade.Share(1, 1)),
    ]
    assert list(cov.strategy_backed.items()) == [("Bappeda", cascade.Share(1, 1)), ("Dinkes", cascade.Share(0, 1))]
    with pytest.raises(ValueError):
        s.coverage(by="level")


def test_check_reports_unanchored_below_a_broken_chain(store):
    s = store(cascade_of(vision="V", mission="M<V", goal="T", strategy="S<T", program="G<S,T"))
    assert codes(s.check()) == [
        ("no-children", "M"), ("no-parent", "T"), ("unanchored", "S"), ("level-skip", "G"), ("unanchored", "G"),
        ("no-children", "G"),
    ]


# -- store against store -----------------------------------------------------


def assert_same_answers(memory, other, traced=None) -> None:
    """Every analysis, every level span of the schema, and traces from ``traced`` ids: equal objects."""
    assert other.schema == memory.schema
    assert other.orphans() == memory.orphans() and other.unbacked() == memory.unbacked()
    for upper, lower in itertools.combinations(memory.schema.names(), 2):
        assert other.orphans(lower, upper) == memory.orphans(lower, upper), ("orphans", lower, upper)
        assert other.unbacked(upper, lower) == memory.unbacked(upper, lower), ("unbacked", upper, lower)
    for by in (None, "opd"):
        assert other.coverage(by) == memory.coverage(by), ("coverage", by)
    assert other.check() == memory.check()   # places too: stored with the elements
    for element_id, direction, depth in traced or ():
        assert other.trace(element_id, direction, depth) == memory.trace(element_id, direction, depth), (element_id, direction, depth)


@pytest.mark.neo4j
def test_seed_workbook_same_on_both_stores(neo4j_store):
    path = seed_file("tangerang.xlsx")
    if not path.exists():
        pytest.skip("seed/tangerang.xlsx is not there")
    c = cascade.read(path)
    top, strategies = LEVELS[0], cascade.level("strategy")
    traced = [(e.id, "down", None) for e in c if e.level in (top, strategies)]
    applications = [e.id for e in c if e.level == LEVELS[-1]]
    traced += [(i, "up", depth) for i in applications[::10] for depth in (None, 2)]
    assert_same_answers(cascade.store_of(c), neo4j_store(c), traced)


#: The schemas the random cascades are drawn in: two presets and a user's own file.
SCHEMAS = ["default", "rpjmd", str(Path(__file__).parent / "levels" / "renstra-opd.yaml")]


@st.composite
def random_cascades(draw, schema="default") -> cascade.Cascade:
    """Small valid cascades: random levels, downward links incl. skips and several parents."""
    levels = cascade.schema(schema)
    n = draw(st.integers(1, 40))
    ranks = draw(st.lists(st.integers(0, len(levels) - 1), min_size=n, max_size=n))
    data: dict[str, list] = {}
    for i, rank in enumerate(ranks):
        above = [f"E{j}" for j, r in enumerate(ranks) if r < rank]
        parents = draw(st.lists(st.sampled_from(above), max_size=3, unique=True)) if above else []
        opd = draw(st.sampled_from([None, "Bappeda", "Dinkes"]))
        data.setdefault(levels[rank].name, []).append({"id": f"E{i}", "name": f"e{i}", "opd": opd, "parent": parents})
    return cascade.from_records(data, "random", schema=levels)


@pytest.fixture(scope="module")
def shared_neo4j(neo4j_settings):
    """One connection and one dataset for every random example (replaced each time)."""
    from cascade.stores.neo4j import Neo4jStore

    with Neo4jStore.connect(neo4j_settings, unique_dataset()) as store:
        yield store
        store.drop()


@pytest.mark.neo4j
@pytest.mark.parametrize("schema", SCHEMAS, ids=["default", "rpjmd", "user-file"])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_cascades_same_on_both_stores(shared_neo4j, schema, data):
    c = data.draw(random_cascades(schema))
    shared_neo4j.load(c, replace=True)
    ids = sorted(c.elements)
    picks = data.draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3))
    depth = data.draw(st.one_of(st.none(), st.integers(0, 3)))
    traced = [(i, direction, depth) for i in picks for direction in ("down", "up")]
    assert_same_answers(cascade.store_of(c), shared_neo4j, traced)
