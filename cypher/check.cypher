// name: check
// description: Structural warnings: level skips, elements with no parent, unanchored elements (no ancestor at the top level), elements above the lowest level with no children; each with its element's source place.
// params: dataset (string), version (integer: the published version, bound by cascade), rank (map: level name → index, from cascade.levels), top (string, the top level's name, from cascade.levels), mandatory (list: indexes of the levels that are not optional, from cascade.levels)
// columns: code, id, level, other, other_level, file, sheet, row
// mode: read
//
// Set-based, never path by path:
// * one index scan of the dataset finds the elements with no parent (below
//   the top level) or no children, by their degrees;
// * unanchored: an element with no ancestor at the top level lies below a
//   root (an element with no parent, below the top), so the candidates are the
//   region below those roots (usually a small share), found at once by a
//   pruning breadth-first expand. A candidate is anchored exactly when it lies
//   below an entry, a candidate with a parent outside the region (whose own
//   ancestry reaches only the top level); the unanchored ones are the region
//   minus what a second pruning expand finds below the entries;
// * level skips: each element's parents more than one level up, past a level
//   that is not optional.
MATCH (x:Element {dataset: $dataset, version: $version})
WHERE x.level IS NOT NULL  // every element has one: lets the (dataset, level) index list them
WITH x, $rank[x.level] AS rank, EXISTS { (x)<-[:CASCADES_TO]-() } AS has_parent, EXISTS { (x)-[:CASCADES_TO]->() } AS has_child
WITH x, rank > $rank[$top] AND NOT has_parent AS no_parent, rank < size(keys($rank)) - 1 AND NOT has_child AS no_children
WHERE no_parent OR no_children
WITH collect({x: x, no_parent: no_parent, no_children: no_children}) AS flagged
CALL (flagged) {
  UNWIND flagged AS f
  WITH f.x AS root
  WHERE f.no_parent
  MATCH (root)-[:CASCADES_TO*0..]->(y)
  WITH collect(DISTINCT y) AS region
  CALL (region) {
    UNWIND region AS y
    WITH y, region
    WHERE EXISTS { (y)<-[:CASCADES_TO]-(p) WHERE NOT p IN region }
    MATCH (y)-[:CASCADES_TO*0..]->(z)
    RETURN collect(DISTINCT z) AS anchored
  }
  UNWIND region AS x
  WITH x, anchored
  WHERE NOT x IN anchored AND EXISTS { (x)<-[:CASCADES_TO]-() }
  RETURN collect(x) AS unanchored
}
UNWIND [f IN flagged WHERE f.no_parent | ['no-parent', f.x]] + [f IN flagged WHERE f.no_children | ['no-children', f.x]]
  + [x IN unanchored | ['unanchored', x]] AS finding
WITH finding[0] AS code, finding[1] AS x
RETURN code, x.id AS id, x.level AS level, null AS other, null AS other_level,
  x.place_file AS file, x.place_sheet AS sheet, x.place_row AS row
UNION ALL
UNWIND keys($rank) AS level
WITH level, $rank[level] AS rank
WHERE rank > 1
MATCH (child:Element {dataset: $dataset, version: $version, level: level})<-[:CASCADES_TO]-(parent)
WHERE any(m IN $mandatory WHERE $rank[parent.level] < m < rank)
RETURN 'level-skip' AS code, child.id AS id, level, parent.id AS other, parent.level AS other_level,
  child.place_file AS file, child.place_sheet AS sheet, child.place_row AS row
