"""Plan versions, impact and redundancy: one meaning on both stores.

The RPJMD awal and its perubahan (``plan_versions``) are compared embedded and
as two versions of one dataset in Neo4j, with the answers their definitions
imply written out once; impact and redundant are also checked against a
brute-force oracle on random cascades.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import cascade
from cascade.gates import gaps_of
from cascade.plan_diff import DIFF_KINDS
from cascade.resources import seed_file
from cascade.stores.base import UnknownElement, UnknownVersion
from conftest import cascade_of, unique_dataset
from plan_versions import EXPECTED_DIFF, awal_workbook, perubahan_folder
from test_conformance import random_cascades


@pytest.fixture(scope="module")
def plans(tmp_path_factory):
    """(awal, perubahan) as cascades read from a planner's workbook and CSV folder."""
    folder = tmp_path_factory.mktemp("plans")
    return (cascade.read(awal_workbook(folder / "rpjmd-awal.xlsx")),
            cascade.read(perubahan_folder(folder / "rpjmd-perubahan")))


@pytest.fixture(params=["memory", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def versions(request):
    """``make(old, new)`` → (old store, new store): embedded, or two versions of one Neo4j dataset
    (the older one read as ``@previous``, the way ``cascade diff NAME@previous NAME`` does)."""
    if request.param == "memory":
        return lambda old, new: (cascade.store_of(old), cascade.store_of(new))
    from cascade.stores.neo4j import Neo4jStore

    make_store = request.getfixturevalue("neo4j_store")
    settings_ = request.getfixturevalue("neo4j_settings")

    def make(old, new):
        store = make_store(old)
        store.load(new)
        older = Neo4jStore.connect(settings_, store.dataset, version="previous")
        request.addfinalizer(older.close)
        return older, store

    return make


def test_diff_of_the_awal_and_its_perubahan(versions, plans):
    old, new = versions(*plans)
    assert cascade.diff(old, new).to_dict() == EXPECTED_DIFF


def test_diff_the_other_way_round_swaps_every_answer(versions, plans):
    perubahan, awal = versions(plans[1], plans[0])
    back = cascade.diff(perubahan, awal).to_dict()
    ahead = EXPECTED_DIFF
    assert back["elements"]["added"] == ahead["elements"]["removed"]
    assert back["elements"]["removed"] == ahead["elements"]["added"]
    assert back["elements"]["changed"] == ahead["elements"]["changed"]
    assert back["elements"]["changed_values"] == {
        i: {f: [b, a] for f, (a, b) in fields.items()} for i, fields in ahead["elements"]["changed_values"].items()}
    assert back["links"] == {"added": ahead["links"]["removed"], "removed": ahead["links"]["added"]}
    for kind, changes in ahead["findings"].items():
        assert back["findings"][kind] == {"new": changes["resolved"], "resolved": changes["new"],
                                          "persisting": changes["persisting"]}


def test_a_version_against_itself_is_unchanged(versions, plans):
    old, new = versions(plans[0], plans[0])
    d = cascade.diff(old, new)
    assert d.unchanged and not any(ch.new or ch.resolved for ch in d.findings.values())
    assert d.findings["orphans"].persisting == ["PB-04"]


def test_a_finding_on_a_removed_element_is_resolved(versions):
    old, new = versions(cascade_of(strategy="S1", program="G1<S1", process="P1<G1 P2"),
                        cascade_of(strategy="S1", program="G1<S1", process="P1<G1"))
    d = cascade.diff(old, new)
    assert d.removed == ["P2"] and d.findings["orphans"].resolved == ["P2"]


@pytest.mark.neo4j
def test_diff_a_workbook_against_the_loaded_dataset(neo4j_store, plans):
    store = neo4j_store(plans[1])
    assert cascade.diff(plans[0], store).to_dict() == EXPECTED_DIFF


@pytest.mark.neo4j
def test_a_version_not_kept_is_named_with_the_kept_ones(neo4j_store, neo4j_settings, plans):
    from cascade.stores.neo4j import Neo4jStore

    store = neo4j_store(plans[0])
    store.load(plans[1], keep=1)
    for version in (store.version - 1, "previous", 99):
        with Neo4jStore.connect(neo4j_settings, store.dataset, version=version) as older:
            with pytest.raises(UnknownVersion, match=rf"kept: {store.dataset}@{store.version} "):
                older.orphans()


# -- impact -----------------------------------------------------------------

def test_impact_of_retiring_a_program_and_an_application(store, plans):
    hit = cascade.impact(store(plans[0]), "1.02.02, APL-01")
    assert hit.to_dict() == {"retired": ["1.02.02", "APL-01"], "new_orphans": ["PB-01", "PB-02"],
                             "new_unbacked": ["S1"], "new_unused_applications": [],
                             "new_processes_without_application": []}
    assert [(x.kind, x.id, x.via) for x in hit.rows()] == [
        ("orphans", "PB-01", ("1.02.02",)), ("orphans", "PB-02", ("1.02.02",)), ("unbacked", "S1", ("1.02.02",))]


def test_impact_names_every_retired_element_the_support_ran_through(store):
    # P1's two ways up run through G1 and through G2; retiring both breaks it, through both.
    c = cascade_of(strategy="S1 S2", program="G1<S1 G2<S2", process="P1<G1,G2", application="A1<P1 A2<P1")
    s = store(c)
    assert cascade.impact(s, ["G1"]).to_dict()["new_orphans"] == []
    both = cascade.impact(s, ["G1", "G2"])
    assert [(x.kind, x.id, x.via) for x in both.rows()] == [
        ("orphans", "P1", ("G1", "G2")), ("unbacked", "S1", ("G1",)), ("unbacked", "S2", ("G2",))]
    apps = cascade.impact(s, "A1,A2")
    assert apps.to_dict()["new_processes_without_application"] == ["P1"]
    assert apps.lost["processes_without_application"][0].via == ("A1", "A2")


def test_impact_leaves_out_what_was_already_broken_and_the_retired_themselves(store):
    c = cascade_of(strategy="S1", program="G1<S1 G2", process="P1<G1 P2<G2", application="A1<P1")
    hit = cascade.impact(store(c), "P1")
    assert hit.to_dict()["new_orphans"] == []          # P2 was an orphan already; P1 is retired
    assert hit.to_dict()["new_unused_applications"] == ["A1"]
    assert hit.to_dict()["new_unbacked"] == ["S1"]


def test_impact_of_an_unknown_element(store, plans):
    with pytest.raises(UnknownElement, match="APL-999"):
        cascade.impact(store(plans[0]), "APL-01,APL-999")


# -- redundant ----------------------------------------------------------------

def test_redundant_applications(store):
    c = cascade_of(process="P1 P2 P3", application="A1<P1,P2 A2<P2,P1 A3<P1 A4<P3 A5<P3 A6<P3 A7 A8")
    groups = cascade.redundant(store(c))
    assert [g.to_dict() for g in groups] == [
        {"applications": ["A1", "A2"], "processes": ["P1", "P2"]},
        {"applications": ["A4", "A5", "A6"], "processes": ["P3"]},
    ]   # A7 and A8 serve nothing: unused, not redundant; A3 is alone in serving P1 only


# -- against an oracle -----------------------------------------------------------

def _without(c: cascade.Cascade, retired: set[str]) -> cascade.Cascade:
    data: dict[str, list] = {}
    for e in c:
        if e.id not in retired:
            parents = [p for p, child in c.links if child == e.id and p not in retired]
            data.setdefault(e.level.name, []).append({"id": e.id, "name": e.name, "parent": parents})
    return cascade.from_records(data, "rest", schema=c.schema)


def _oracle_impact(c: cascade.Cascade, retired: set[str]) -> dict:
    before = gaps_of(cascade.store_of(c))
    after = gaps_of(cascade.store_of(_without(c, retired))) if set(c.elements) - retired else {k: [] for k in before}
    out = {"retired": sorted(retired)}
    for kind, name in DIFF_KINDS.items():
        was = {g.id for g in before[kind]}
        out[f"new_{name}"] = sorted({g.id for g in after[kind]} - was - retired)
    return out


def _oracle_redundant(c: cascade.Cascade) -> list[dict]:
    process, application = c.schema.role("process"), c.schema.role("application")
    served: dict[str, set] = {}
    for p, child in c.links:
        if c.elements[child].level == application and c.elements[p].level == process:
            served.setdefault(child, set()).add(p)
    groups: dict[tuple, list] = {}
    for app, ps in served.items():
        groups.setdefault(tuple(sorted(ps)), []).append(app)
    return sorted(({"applications": sorted(a), "processes": list(p)} for p, a in groups.items() if len(a) > 1),
                  key=lambda g: g["applications"])


@pytest.fixture(scope="module")
def shared_neo4j(neo4j_settings):
    from cascade.stores.neo4j import Neo4jStore

    with Neo4jStore.connect(neo4j_settings, unique_dataset()) as s:
        yield s
        s.drop()


def _check_against_oracle(c, s, data):
    ids = sorted(c.elements)
    retired = set(data.draw(st.lists(st.sampled_from(ids), min_size=1, max_size=4)))
    assert cascade.impact(s, retired).to_dict() == _oracle_impact(c, retired)
    assert [g.to_dict() for g in cascade.redundant(s)] == _oracle_redundant(c)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_impact_and_redundant_embedded(data):
    c = data.draw(random_cascades())
    _check_against_oracle(c, cascade.store_of(c), data)


@pytest.mark.neo4j
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_impact_and_redundant_on_neo4j(shared_neo4j, data):
    c = data.draw(random_cascades("rpjmd"))
    shared_neo4j.load(c)
    _check_against_oracle(c, shared_neo4j, data)


def test_the_seed_and_its_perubahan(versions):
    """seed/build_perubahan.py's edits, as its docstring lists them, and what they fix and break."""
    old, new = versions(cascade.read(seed_file("tangerang.xlsx")), cascade.read(seed_file("tangerang-perubahan.xlsx")))
    d = cascade.diff(old, new)
    assert (d.added, d.removed, d.changed) == (["APL-197", "PB-077"], ["PB-075"], {"APL-001": ["opd"], "S3.1.2": ["name"]})
    assert d.links_added == [("2.18.04", "PB-077"), ("PB-017", "APL-197"), ("S1.3.2", "2.08.02")]
    assert d.links_removed == [("PB-075", "APL-195"), ("PB-075", "APL-196")]
    f = d.findings
    assert (f["orphans"].new, f["orphans"].resolved) == ([], ["PB-019", "PB-020", "PB-075"])
    assert (f["unbacked"].new, f["unbacked"].resolved) == ([], ["S1.3.2"])
    assert f["unused_applications"].new == ["APL-195", "APL-196"]
    assert (f["processes_without_application"].new, f["processes_without_application"].resolved) == (["PB-077"], ["PB-017"])


@pytest.mark.neo4j
def test_a_fixed_store_keeps_reading_its_version_while_another_is_published(neo4j_store, plans):
    """What diff, impact and report work on: several questions, one version, whatever loads meanwhile."""
    store = neo4j_store(plans[0])
    held = cascade.api.fixed_store(store)
    before = [g.id for g in cascade.orphans(held)]
    store.load(plans[1])
    assert store.version == held.version + 1
    assert [g.id for g in cascade.orphans(held)] == before == ["PB-04"]
    assert [g.id for g in cascade.orphans(store)] == []
    with pytest.raises(ValueError, match="open one without a version to load"):
        held.load(plans[1])
