// name: orphan_processes_by_opd
// description: Which OPD owns the most orphan processes: per OPD, its business processes with no strategy above them.
// params: dataset (string), version (integer: the published version, bound by cascade)
// columns: opd, orphans, processes
// mode: read
//
// Set-based: the processes a strategy reaches are found once, by one pruning
// expand from every strategy; every process is then joined with that flag.
CALL () {
  MATCH (p:Process {dataset: $dataset, version: $version})
  RETURN p, 0 AS linked
  UNION ALL
  MATCH (:Strategy {dataset: $dataset, version: $version})-[:CASCADES_TO*]->(p:Process)
  RETURN DISTINCT p, 1 AS linked
}
WITH p, max(linked) AS linked
WHERE linked = 0
WITH p ORDER BY p.id
RETURN coalesce(p.opd, '(no OPD)') AS opd, count(p) AS orphans, collect(p.id) AS processes
ORDER BY orphans DESC, opd
