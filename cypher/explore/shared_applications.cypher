// name: shared_applications
// description: Applications that serve the business processes of more than one OPD: shared systems, with the OPDs they serve.
// params: dataset (string), version (integer: the published version, bound by cascade)
// columns: id, name, owner, opds, serves
// mode: read
MATCH (p:Process {dataset: $dataset, version: $version})-[:CASCADES_TO]->(a:Application)
WITH a, coalesce(p.opd, '(no OPD)') AS opd ORDER BY opd
WITH a, collect(DISTINCT opd) AS serves
WHERE size(serves) > 1
RETURN a.id AS id, a.name AS name, a.opd AS owner, size(serves) AS opds, serves
ORDER BY opds DESC, id
