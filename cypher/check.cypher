// name: check
// description: Structural warnings: level skips, elements with no parent, unanchored elements (no ancestor at the top level), elements above the lowest level with no children.
// params: dataset (string), top (string, the top level's name, from cascade.levels), rank (map: level name → index, from cascade.levels)
// columns: code, id, level, other, other_level
// mode: read
//
// Anchored elements are one set, found by a pruning breadth-first expand from
// every top-level element at once, joined back to every element by grouping.
CALL () {
  MATCH (x:Element {dataset: $dataset})
  WHERE x.id IS NOT NULL  // every element has one: lets the (dataset, id) index find them
  RETURN x, 0 AS anchored
  UNION ALL
  MATCH (:Element {dataset: $dataset, level: $top})-[:CASCADES_TO*0..]->(x:Element)
  RETURN DISTINCT x, 1 AS anchored
}
WITH x, max(anchored) = 1 AS anchored
WITH x, anchored, $rank[x.level] AS rank,
  EXISTS { (x)<-[:CASCADES_TO]-(:Element) } AS has_parent,
  EXISTS { (x)-[:CASCADES_TO]->(:Element) } AS has_child
UNWIND [
  CASE WHEN rank > 0 AND NOT has_parent THEN 'no-parent' WHEN NOT anchored THEN 'unanchored' END,
  CASE WHEN rank < size(keys($rank)) - 1 AND NOT has_child THEN 'no-children' END
] AS code
WITH x, code
WHERE code IS NOT NULL
RETURN code, x.id AS id, x.level AS level, null AS other, null AS other_level
UNION ALL
MATCH (parent:Element {dataset: $dataset})-[:CASCADES_TO]->(child:Element)
WHERE parent.id IS NOT NULL AND $rank[child.level] - $rank[parent.level] > 1
RETURN 'level-skip' AS code, child.id AS id, child.level AS level, parent.id AS other, parent.level AS other_level
