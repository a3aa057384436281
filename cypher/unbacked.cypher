// name: unbacked
// description: Elements of $level with no descendant at $target; where each chain stops.
// params: dataset (string), version (integer: the published version, bound by cascade), level (string, English level name), target (string, English level name below level), rank (map: level name → index, from cascade.levels), labels (list: level labels, from cascade.levels), slice (integer), slices (integer: cascade asks for slice i of n in n parallel sessions, from cascade)
// columns: found (a list of [id, name, level, opd, reached, break_at], one per gap)
// mode: read
//
// Set-based, in two steps. (1) The gaps: the elements of $level from which
// no downward path meets the target level, by the existence form Neo4j plans
// as a pruning breadth-first expand that stops at the first one found. (2)
// Only for the gaps, the region below each one strictly above the target:
// `reached` is its deepest level, `break_at` its elements with no child above
// the target.
// Cascade asks for the elements in $slices slices (by internal id) in as many
// parallel sessions, so the server checks them on as many cores. The gaps come
// back collected in one record, unordered (cascade sorts them): a record each,
// or sorting them here, costs more than finding them.
MATCH (x:Element {dataset: $dataset, version: $version, level: $level})
WHERE ($slices = 1 OR id(x) % $slices = $slice)
  AND NOT EXISTS { (x)-[:CASCADES_TO*]->(:$($labels[$rank[$target]])) }
CALL (x) {
  MATCH p = (x)-[:CASCADES_TO*0..]->(y:Element)
  WHERE all(n IN nodes(p) WHERE $rank[n.level] < $rank[$target])
  WITH DISTINCT y
  RETURN collect(y) AS down
}
WITH x.id AS id, x.name AS name, x.level AS level, x.opd AS opd,
  reduce(bottom = x.level, y IN down | CASE WHEN $rank[y.level] > $rank[bottom] THEN y.level ELSE bottom END) AS reached,
  [y IN down WHERE NOT EXISTS { (y)-[:CASCADES_TO]->(c:Element) WHERE $rank[c.level] < $rank[$target] } | y.id] AS break_at
RETURN collect([id, name, level, opd, reached, break_at]) AS found
