// name: coverage
// description: Per level (and per OPD with $by_opd): elements, with a parent, anchored (an ancestor at the top level), with a child; linked (an ancestor at $strategy) and backed (a descendant at $process).
// params: dataset (string), by_opd (boolean), top (string, the top level's name, from cascade.levels), strategy (string, the strategy level's name, from cascade.levels), process (string, the process level's name, from cascade.levels)
// columns: level, opd, elements, with_parent, anchored, with_child, linked, backed
// mode: read
//
// Each flag is a set of elements found by pruning breadth-first expands from
// all sources at once (DISTINCT, never path by path); the sets are joined back
// to every element by grouping on the element.
CALL () {
  MATCH (x:Element {dataset: $dataset})
  WHERE x.id IS NOT NULL  // every element has one: lets the (dataset, id) index find them
  RETURN x, 0 AS anchored, 0 AS linked, 0 AS backed
  UNION ALL
  MATCH (:Element {dataset: $dataset, level: $top})-[:CASCADES_TO*0..]->(x:Element)
  RETURN DISTINCT x, 1 AS anchored, 0 AS linked, 0 AS backed
  UNION ALL
  MATCH (:Element {dataset: $dataset, level: $strategy})-[:CASCADES_TO*]->(x:Element {level: $process})
  RETURN DISTINCT x, 0 AS anchored, 1 AS linked, 0 AS backed
  UNION ALL
  MATCH (:Element {dataset: $dataset, level: $process})<-[:CASCADES_TO*]-(x:Element {level: $strategy})
  RETURN DISTINCT x, 0 AS anchored, 0 AS linked, 1 AS backed
}
WITH x, max(anchored) AS anchored, max(linked) AS linked, max(backed) AS backed
RETURN x.level AS level, CASE WHEN $by_opd THEN x.opd END AS opd,
  count(*) AS elements,
  sum(CASE WHEN EXISTS { (x)<-[:CASCADES_TO]-(:Element) } THEN 1 ELSE 0 END) AS with_parent,
  sum(anchored) AS anchored,
  sum(CASE WHEN EXISTS { (x)-[:CASCADES_TO]->(:Element) } THEN 1 ELSE 0 END) AS with_child,
  sum(linked) AS linked, sum(backed) AS backed
