"""The memory store against a naive oracle written straight from DESIGN.md's definitions.

The oracle walks the links one element at a time with plain sets — slow and
obviously right — and random cascades (hypothesis) must give the same orphans,
unbacked, coverage counts and check codes as the array sweeps of the store.
No Neo4j needed: the conformance tests then hold Neo4j to the memory store.
"""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings, strategies as st

import cascade
from test_conformance import SCHEMAS, random_cascades


def _walk(start: str, step: dict[str, list[str]], within=lambda e: True) -> set[str]:
    """Everything reachable from ``start`` by ``step`` through elements ``within`` allows (start excluded)."""
    seen, todo = set(), [start]
    while todo:
        for nxt in step.get(todo.pop(), ()):
            if nxt not in seen and within(nxt):
                seen.add(nxt)
                todo.append(nxt)
    return seen


class Oracle:
    def __init__(self, c: cascade.Cascade):
        self.c, self.rank = c, {e.id: e.level.index for e in c}
        self.up: dict[str, list[str]] = {}
        self.down: dict[str, list[str]] = {}
        for parent, child in c.links:
            self.up.setdefault(child, []).append(parent)
            self.down.setdefault(parent, []).append(child)

    def gaps(self, level: int, far: int, upward: bool) -> list[tuple[str, str, tuple[str, ...]]]:
        """orphans (upward) or unbacked: (id, reached, break_at) by the definitions."""
        step = self.up if upward else self.down
        short = (lambda e: self.rank[e] > far) if upward else (lambda e: self.rank[e] < far)
        out = []
        for e in sorted(i for i, r in self.rank.items() if r == level):
            if any(self.rank[a] == far for a in _walk(e, step)):
                continue
            region = {e} | _walk(e, step, short)
            reached = (min if upward else max)(self.rank[x] for x in region)
            ends = sorted(x for x in region if not any(short(n) for n in step.get(x, ())))
            out.append((e, self.c.schema[reached].name, tuple(ends)))
        return out

    def coverage(self) -> list[tuple]:
        s = self.c.schema
        rows = []
        for lv in s:
            ids = [i for i, r in self.rank.items() if r == lv.index]   # every level has a row, even empty
            anchored = sum(1 for i in ids if lv == s.top or any(self.rank[a] == s.top.index for a in _walk(i, self.up)))
            rows.append((lv.name, None, len(ids), sum(1 for i in ids if self.up.get(i)), anchored,
                         sum(1 for i in ids if self.down.get(i))))
        return rows

    def check_codes(self) -> set[tuple[str, str]]:
        s = self.c.schema
        found = set()
        for e, r in self.rank.items():
            if r > s.top.index and not self.up.get(e):
                found.add(("no-parent", e))
            if self.up.get(e) and not any(self.rank[a] == s.top.index for a in _walk(e, self.up)):
                found.add(("unanchored", e))
            if r < s.bottom.index and not self.down.get(e):
                found.add(("no-children", e))
            for p in self.up.get(e, ()):
                if any(not x.optional for x in s.between(s[self.rank[p]], s[r])):
                    found.add(("level-skip", e))
        return found


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), schema=st.sampled_from(SCHEMAS))
def test_the_memory_store_agrees_with_the_naive_oracle(data, schema):
    c = data.draw(random_cascades(schema))
    store, oracle = cascade.store_of(c), Oracle(c)
    for upper, lower in itertools.combinations(range(len(c.schema)), 2):
        got = [(g.id, g.reached.name, g.break_at) for g in store.orphans(c.schema[lower], c.schema[upper])]
        assert got == oracle.gaps(lower, upper, upward=True), ("orphans", lower, upper)
        got = [(g.id, g.reached.name, g.break_at) for g in store.unbacked(c.schema[upper], c.schema[lower])]
        assert got == oracle.gaps(upper, lower, upward=False), ("unbacked", upper, lower)
    rows = [(r.level.name, r.opd, r.elements, r.with_parent, r.anchored, r.with_child) for r in store.coverage().rows]
    assert rows == oracle.coverage()
    assert {(f.code, f.element) for f in store.check()} == oracle.check_codes()
