// name: orphans
// description: Elements of $level with no ancestor at $anchor; where each chain breaks.
// params: dataset (string), version (integer: the published version, bound by cascade), level (string, English level name), anchor (string, English level name above level), rank (map: level name → index, from cascade.levels), labels (list: level labels, from cascade.levels), slice (integer), slices (integer: cascade asks for slice i of n in n parallel sessions, from cascade)
// columns: found (a list of [id, name, level, opd, reached, break_at], one per gap)
// mode: read
//
// Set-based, in two steps. (1) The gaps: the elements of $level from which
// no upward path meets the anchor level, by the existence form Neo4j plans
// as a pruning breadth-first expand that stops at the first anchor found
// (most elements have one a few steps up). (2) Only for the gaps (few), the
// region above each one strictly below the anchor (again a pruning expand,
// stopped at the anchor level): `reached` is its highest level, `break_at`
// its elements with no parent below the anchor.
// Cascade asks for the elements in $slices slices (by internal id) in as many
// parallel sessions, so the server checks them on as many cores. The gaps come
// back collected in one record, unordered (cascade sorts them): a record each,
// or sorting them here, costs more than finding them.
MATCH (x:Element {dataset: $dataset, version: $version, level: $level})
WHERE ($slices = 1 OR id(x) % $slices = $slice)
  AND NOT EXISTS { (x)<-[:CASCADES_TO*]-(:$($labels[$rank[$anchor]])) }
CALL (x) {
  MATCH p = (x)<-[:CASCADES_TO*0..]-(y:Element)
  WHERE all(n IN nodes(p) WHERE $rank[n.level] > $rank[$anchor])
  WITH DISTINCT y
  RETURN collect(y) AS up
}
WITH x.id AS id, x.name AS name, x.level AS level, x.opd AS opd,
  reduce(top = x.level, y IN up | CASE WHEN $rank[y.level] < $rank[top] THEN y.level ELSE top END) AS reached,
  [y IN up WHERE NOT EXISTS { (y)<-[:CASCADES_TO]-(q:Element) WHERE $rank[q.level] > $rank[$anchor] } | y.id] AS break_at
RETURN collect([id, name, level, opd, reached, break_at]) AS found
