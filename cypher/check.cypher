// name: check
// description: Structural warnings: level skips, elements with no parent, unanchored elements (no ancestor at the top level), elements above the lowest level with no children; each with its element's source place.
// params: dataset (string), version (integer: the published version, bound by cascade), rank (map: level name → index, from cascade.levels), labels (list: level labels, from cascade.levels), top (string, the top level's name, from cascade.levels), mandatory (list: indexes of the levels that are not optional, from cascade.levels)
// columns: code, found (a list of [id, level, other, other_level, file, sheet, row], one per finding)
// mode: read
//
// Set-based, never path by path:
// * one index scan of the dataset finds the elements with no parent (below
//   the top level) or no children, by their degrees;
// * unanchored: an element with a parent but no ancestor at the top level
//   lies below a root (an element with no parent, below the top), so the
//   candidates are the region below the roots (a pruning breadth-first
//   expand), each kept when no upward path from it meets the top level (the
//   existence form, which stops at the first top-level element found);
// * level skips: the links marked `skips` when loaded (they pass over a
//   level that is not optional), found by their index; a version loaded
//   before links were marked has each element's parents looked at instead.
// Findings come back collected, one record per kind: a national dataset has
// a hundred thousand of them, and a record each costs more than finding them.
CALL () {
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
    MATCH (root)-[:CASCADES_TO*]->(x)
    WITH DISTINCT x
    WHERE NOT EXISTS { (x)<-[:CASCADES_TO*]-(:$($labels[$rank[$top]])) }
    RETURN collect(x) AS unanchored
  }
  UNWIND [f IN flagged WHERE f.no_parent | ['no-parent', f.x]] + [f IN flagged WHERE f.no_children | ['no-children', f.x]]
    + [x IN unanchored | ['unanchored', x]] AS finding
  WITH finding[0] AS code, finding[1] AS x
  RETURN code, x, null AS parent
  UNION ALL
  MATCH (v:DatasetVersion {dataset: $dataset, version: $version})
  CALL (v) {
    WITH v WHERE v.skips_marked
    MATCH (parent)-[r:CASCADES_TO]->(child:Element)
    WHERE r.skips = true AND child.dataset = $dataset AND child.version = $version
    RETURN parent, child
    UNION ALL
    WITH v WHERE v.skips_marked IS NULL   // loaded before links were marked: every link is looked at
    UNWIND keys($rank) AS level
    WITH level, $rank[level] AS rank
    WHERE rank > 1
    MATCH (child:Element {dataset: $dataset, version: $version, level: level})<-[:CASCADES_TO]-(parent)
    WHERE any(m IN $mandatory WHERE $rank[parent.level] < m < rank)
    RETURN parent, child
  }
  RETURN 'level-skip' AS code, child AS x, parent
}
RETURN code, collect([x.id, x.level, parent.id, parent.level, x.place_file, x.place_sheet, x.place_row]) AS found
