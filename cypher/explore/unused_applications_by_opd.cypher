// name: unused_applications_by_opd
// description: Per OPD, its applications that serve no business process (no process above them): candidates for rationalisation under SPBE.
// params: dataset (string), version (integer: the published version, bound by cascade)
// columns: opd, unused, applications
// mode: read
MATCH (a:Application {dataset: $dataset, version: $version})
WHERE NOT EXISTS { (:Process)-[:CASCADES_TO]->(a) }
WITH a ORDER BY a.id
RETURN coalesce(a.opd, '(no OPD)') AS opd, count(a) AS unused, collect(a.id) AS applications
ORDER BY unused DESC, opd
