// name: orphans
// description: Elements of $level with no ancestor at $anchor; where each chain breaks.
// params: dataset (string), level (string, English level name), anchor (string, English level name above level), rank (map: level name → index, from cascade.levels)
// columns: id, name, level, opd, reached, break_at
// mode: read
//
// Set-based: each element's ancestors are found once each by a pruning
// breadth-first expand (DISTINCT over a variable-length pattern), never path by
// path. Links go strictly downward, so an ancestor below the anchor reaches the
// element only through elements below the anchor: that region is `up` minus
// the anchor level, `reached` its highest level, `break_at` its elements with
// no parent below the anchor.
MATCH (x:Element {dataset: $dataset, level: $level})
CALL (x) {
  MATCH (x)<-[:CASCADES_TO*0..]-(y:Element)
  WITH DISTINCT y
  WHERE $rank[y.level] >= $rank[$anchor]
  RETURN collect(y) AS up
}
WITH x, up
WHERE none(y IN up WHERE y.level = $anchor)
RETURN x.id AS id, x.name AS name, x.level AS level, x.opd AS opd,
  reduce(top = x.level, y IN up | CASE WHEN $rank[y.level] < $rank[top] THEN y.level ELSE top END) AS reached,
  [y IN up WHERE NOT EXISTS { (y)<-[:CASCADES_TO]-(p:Element) WHERE $rank[p.level] > $rank[$anchor] } | y.id] AS break_at
ORDER BY $rank[level], id
