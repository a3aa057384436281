// name: unbacked
// description: Elements of $level with no descendant at $target; where each chain stops.
// params: dataset (string), level (string, English level name), target (string, English level name below level), rank (map: level name → index, from cascade.levels)
// columns: id, name, level, opd, reached, break_at
// mode: read
//
// The mirror of orphans: descendants found once each by a pruning
// breadth-first expand; `reached` is the deepest level above the target,
// `break_at` the elements there with no child above the target.
MATCH (x:Element {dataset: $dataset, level: $level})
CALL (x) {
  MATCH (x)-[:CASCADES_TO*0..]->(y:Element)
  WITH DISTINCT y
  WHERE $rank[y.level] <= $rank[$target]
  RETURN collect(y) AS down
}
WITH x, down
WHERE none(y IN down WHERE y.level = $target)
RETURN x.id AS id, x.name AS name, x.level AS level, x.opd AS opd,
  reduce(bottom = x.level, y IN down | CASE WHEN $rank[y.level] > $rank[bottom] THEN y.level ELSE bottom END) AS reached,
  [y IN down WHERE NOT EXISTS { (y)-[:CASCADES_TO]->(c:Element) WHERE $rank[c.level] < $rank[$target] } | y.id] AS break_at
ORDER BY $rank[level], id
