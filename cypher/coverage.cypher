// name: coverage
// description: Per level (and per OPD with $by_opd): elements, with a parent, anchored (an ancestor at the top level), with a child; linked (an ancestor at $strategy) and backed (a descendant at $process).
// params: dataset (string), version (integer: the published version, bound by cascade), by_opd (boolean), branch (string: 'all', or one of counts, anchored, linked, backed — cascade runs them side by side, from cascade), top (string, the top level's name, from cascade.levels), strategy (string, the strategy level's name, from cascade.levels), process (string, the process level's name, from cascade.levels), rank (map: level name → index, from cascade.levels), labels (list: level labels, from cascade.levels)
// columns: level, opd, elements, with_parent, anchored, with_child, linked, backed
// mode: read
//
// Each flag is a set found once, from all its sources at the same time, and
// counted by (level, OPD) on its own; the small count tables are then added
// up, so no element is ever joined back to the sets:
// * elements, with a parent, with a child: one index scan of the dataset
//   (degrees, no expand);
// * anchored: one pruning breadth-first expand down from every top-level
//   element (DISTINCT, never path by path);
// * linked: the processes from which an upward path meets the strategy level
//   (the existence form, a pruning expand that stops at the first one);
// * backed: per strategy (few), its region strictly above the process level
//   (a pruning expand that stops there), backed when an element of it has a
//   child at the process level — links go strictly downward.
// With $branch other than 'all' only that set is counted: cascade runs the
// four in parallel sessions (the server uses a core for each) and adds them up.
CALL () {
  WITH $branch AS branch WHERE branch IN ['all', 'counts']
  MATCH (x:Element {dataset: $dataset, version: $version})
  WHERE x.level IS NOT NULL  // every element has one: lets the (dataset, level) index list them
  RETURN x.level AS level, CASE WHEN $by_opd THEN x.opd END AS opd, count(*) AS elements,
    sum(CASE WHEN EXISTS { (x)<-[:CASCADES_TO]-() } THEN 1 ELSE 0 END) AS with_parent, 0 AS anchored,
    sum(CASE WHEN EXISTS { (x)-[:CASCADES_TO]->() } THEN 1 ELSE 0 END) AS with_child, 0 AS linked, 0 AS backed
  UNION ALL
  WITH $branch AS branch WHERE branch IN ['all', 'anchored']
  MATCH (:Element {dataset: $dataset, version: $version, level: $top})-[:CASCADES_TO*0..]->(x)
  WITH DISTINCT x
  RETURN x.level AS level, CASE WHEN $by_opd THEN x.opd END AS opd, 0 AS elements, 0 AS with_parent,
    count(*) AS anchored, 0 AS with_child, 0 AS linked, 0 AS backed
  UNION ALL
  WITH $branch AS branch WHERE branch IN ['all', 'linked']
  MATCH (x:Element {dataset: $dataset, version: $version, level: $process})
  WHERE EXISTS { (x)<-[:CASCADES_TO*]-(:$($labels[$rank[$strategy]])) }
  RETURN x.level AS level, CASE WHEN $by_opd THEN x.opd END AS opd, 0 AS elements, 0 AS with_parent,
    0 AS anchored, 0 AS with_child, count(*) AS linked, 0 AS backed
  UNION ALL
  WITH $branch AS branch WHERE branch IN ['all', 'backed']
  MATCH (s:Element {dataset: $dataset, version: $version, level: $strategy})
  CALL (s) {
    MATCH p = (s)-[:CASCADES_TO*0..]->(y)
    WHERE all(n IN nodes(p) WHERE $rank[n.level] < $rank[$process])
    WITH DISTINCT y
    RETURN count(CASE WHEN EXISTS { (y)-[:CASCADES_TO]->(:Element {level: $process}) } THEN 1 END) > 0 AS backed
  }
  WITH s WHERE backed
  RETURN s.level AS level, CASE WHEN $by_opd THEN s.opd END AS opd, 0 AS elements, 0 AS with_parent,
    0 AS anchored, 0 AS with_child, 0 AS linked, count(*) AS backed
}
RETURN level, opd, sum(elements) AS elements, sum(with_parent) AS with_parent, sum(anchored) AS anchored,
  sum(with_child) AS with_child, sum(linked) AS linked, sum(backed) AS backed
