// name: orphans
// description: Elements of $level with no ancestor at $anchor; where each chain breaks.
// params: dataset (string), level (string, English level name), anchor (string, English level name above level), rank (map: level name → index, from cascade.levels), labels (list: level labels, from cascade.levels)
// columns: id, name, level, opd, reached, break_at
// mode: read
//
// Set-based, in two steps. (1) The linked set, once: every element of $level
// below some anchor, by one pruning breadth-first expand down from all the
// anchors that never leaves the levels between (links go strictly downward,
// so nothing below $level leads back up to it). (2) The gaps are the elements
// of $level not in that set (few); only for them, the region above each one
// strictly below the anchor (again a pruning expand, stopped at the anchor
// level): `reached` is its highest level, `break_at` its elements with no
// parent below the anchor.
MATCH (:Element {dataset: $dataset, level: $anchor})-[:CASCADES_TO*]->(x:$($labels[$rank[$level]]))
WITH collect(DISTINCT x) AS linked
MATCH (x:Element {dataset: $dataset, level: $level})
WHERE NOT x IN linked
CALL (x) {
  MATCH p = (x)<-[:CASCADES_TO*0..]-(y:Element)
  WHERE all(n IN nodes(p) WHERE $rank[n.level] > $rank[$anchor])
  WITH DISTINCT y
  RETURN collect(y) AS up
}
RETURN x.id AS id, x.name AS name, x.level AS level, x.opd AS opd,
  reduce(top = x.level, y IN up | CASE WHEN $rank[y.level] < $rank[top] THEN y.level ELSE top END) AS reached,
  [y IN up WHERE NOT EXISTS { (y)<-[:CASCADES_TO]-(q:Element) WHERE $rank[q.level] > $rank[$anchor] } | y.id] AS break_at
ORDER BY $rank[level], id
