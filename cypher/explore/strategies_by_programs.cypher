// name: strategies_by_programs
// description: Strategies ranked by how many programs carry them out (the programs directly below them).
// params: dataset (string), version (integer: the published version, bound by cascade)
// columns: id, name, opd, programs, program_ids
// mode: read
MATCH (s:Strategy {dataset: $dataset, version: $version})
OPTIONAL MATCH (s)-[:CASCADES_TO]->(g:Program)
WITH s, g ORDER BY g.id
RETURN s.id AS id, s.name AS name, s.opd AS opd, count(g) AS programs, collect(g.id) AS program_ids
ORDER BY programs DESC, id
