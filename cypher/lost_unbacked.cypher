// name: lost_unbacked
// description: Elements of $level that lead down to $target now but would not without the elements $retired (and their links); for each, the retired elements its backing ran through.
// params: dataset (string), version (integer: the version read, bound by cascade), level (string, English level name), target (string, English level name below level), retired (list of element ids), rank (map: level name → index, from cascade.levels), labels (list: level labels, from cascade.levels)
// columns: id, via
// mode: read
//
// The mirror of lost_orphans: only elements above a retired one can lose
// their backing, so the search starts there.
MATCH (r:Element {dataset: $dataset, version: $version})
WHERE r.id IN $retired
MATCH (r)<-[:CASCADES_TO*0..]-(x:Element {level: $level})
// Distinct by id, not `WITH DISTINCT x`: Neo4j 5.26 drops that DISTINCT after a
// pruning expand from several start nodes, and a candidate would come twice.
WITH collect(DISTINCT x.id) AS candidates
UNWIND candidates AS candidate
MATCH (x:Element {dataset: $dataset, version: $version, id: candidate})
WHERE NOT x.id IN $retired
  AND EXISTS { (x)-[:CASCADES_TO*]->(:$($labels[$rank[$target]])) }
  AND NOT EXISTS {
    MATCH p = (x)-[:CASCADES_TO*]->(:$($labels[$rank[$target]]))
    WHERE none(n IN nodes(p) WHERE n.id IN $retired)
  }
CALL (x) {
  // The retired elements on x's way to the target level: below it, and themselves at the target
  // level or leading to it (0.. : the element itself counts).
  MATCH (x)-[:CASCADES_TO*]->(s:Element)
  WITH DISTINCT s
  WHERE s.id IN $retired AND EXISTS { (s)-[:CASCADES_TO*0..]->(:$($labels[$rank[$target]])) }
  RETURN collect(s.id) AS via
}
RETURN x.id AS id, via
