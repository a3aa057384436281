// name: under_mission
// description: The full chain under one mission: every goal, strategy, program, process and application below $mission, level by level, each with its parents.
// params: dataset (string), version (integer: the published version, bound by cascade), mission (string, the mission's id, e.g. M2), rank (map: level name → index, from cascade.levels)
// columns: level, id, name, opd, parents
// mode: read
//
// One pruning expand from the mission (each element once, never path by path).
MATCH (:Mission {dataset: $dataset, version: $version, id: $mission})-[:CASCADES_TO*]->(x:Element)
WITH DISTINCT x
RETURN x.level AS level, x.id AS id, x.name AS name, x.opd AS opd,
  COLLECT { MATCH (p:Element)-[:CASCADES_TO]->(x) RETURN p.id ORDER BY p.id } AS parents
ORDER BY $rank[level], id
