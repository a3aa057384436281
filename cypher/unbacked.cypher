// name: unbacked
// description: Elements of $level with no descendant at $target; where each chain stops.
// params: dataset (string), level (string, English level name), target (string, English level name below level), rank (map: level name → index, from cascade.levels)
// columns: id, name, level, opd, reached, break_at
// mode: read
//
// Set-based, per element of $level (few: they sit above the target): its
// region, itself and its descendants strictly above the target, by a pruning
// breadth-first expand that never goes below those levels. Links go strictly
// downward, so the element is backed exactly when some element of its region
// has a child at $target; otherwise `reached` is the region's deepest level
// and `break_at` its elements with no child above the target.
MATCH (x:Element {dataset: $dataset, level: $level})
CALL (x) {
  MATCH p = (x)-[:CASCADES_TO*0..]->(y:Element)
  WHERE all(n IN nodes(p) WHERE $rank[n.level] < $rank[$target])
  WITH DISTINCT y
  RETURN collect(y) AS down
}
WITH x, down
WHERE none(y IN down WHERE EXISTS { (y)-[:CASCADES_TO]->(c:Element) WHERE c.level = $target })
RETURN x.id AS id, x.name AS name, x.level AS level, x.opd AS opd,
  reduce(bottom = x.level, y IN down | CASE WHEN $rank[y.level] > $rank[bottom] THEN y.level ELSE bottom END) AS reached,
  [y IN down WHERE NOT EXISTS { (y)-[:CASCADES_TO]->(c:Element) WHERE $rank[c.level] < $rank[$target] } | y.id] AS break_at
ORDER BY $rank[level], id
