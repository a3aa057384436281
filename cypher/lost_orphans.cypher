// name: lost_orphans
// description: Elements of $level that lead up to $anchor now but would not without the elements $retired (and their links); for each, the retired elements its support ran through.
// params: dataset (string), version (integer: the version read, bound by cascade), level (string, English level name), anchor (string, English level name above level), retired (list of element ids), rank (map: level name → index, from cascade.levels), labels (list: level labels, from cascade.levels)
// columns: id, via
// mode: read
//
// Only elements under a retired one can lose their support, so the search
// starts there (a pruning expand), not at every element of $level. A
// candidate has lost it when an anchor is still above it, but no path up to
// one avoids the retired elements.
MATCH (r:Element {dataset: $dataset, version: $version})
WHERE r.id IN $retired
MATCH (r)-[:CASCADES_TO*0..]->(x:Element {level: $level})
// Distinct by id, not `WITH DISTINCT x`: Neo4j 5.26 drops that DISTINCT after a
// pruning expand from several start nodes, and a candidate would come twice.
WITH collect(DISTINCT x.id) AS candidates
UNWIND candidates AS candidate
MATCH (x:Element {dataset: $dataset, version: $version, id: candidate})
WHERE NOT x.id IN $retired
  AND EXISTS { (x)<-[:CASCADES_TO*]-(:$($labels[$rank[$anchor]])) }
  AND NOT EXISTS {
    MATCH p = (x)<-[:CASCADES_TO*]-(:$($labels[$rank[$anchor]]))
    WHERE none(n IN nodes(p) WHERE n.id IN $retired)
  }
CALL (x) {
  // The retired elements on x's way to the anchor level: above it, and themselves at the anchor
  // level or leading to it (0.. : the element itself counts).
  MATCH (x)<-[:CASCADES_TO*]-(s:Element)
  WITH DISTINCT s
  WHERE s.id IN $retired AND EXISTS { (s)<-[:CASCADES_TO*0..]-(:$($labels[$rank[$anchor]])) }
  RETURN collect(s.id) AS via
}
RETURN x.id AS id, via
