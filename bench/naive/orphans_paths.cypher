// The naive orphans with where each chain stops: every upward path of every
// process to an element with no parent, then the processes none of whose
// paths meets a strategy, with their paths.
MATCH (p:Process {dataset: $dataset, version: $version})
OPTIONAL MATCH path = (p)<-[:CASCADES_TO*]-(top:Element)
WHERE NOT (top)<-[:CASCADES_TO]-()
WITH p, collect(path) AS paths
WHERE none(x IN paths WHERE any(n IN nodes(x) WHERE n:Strategy))
RETURN p.id AS id, [x IN paths | [n IN nodes(x) | n.id]] AS chains
