// The naive orphans: processes with no strategy up any variable-length path.
MATCH (p:Process {dataset: $dataset, version: $version})
WHERE NOT (p)<-[:CASCADES_TO*]-(:Strategy)
RETURN p.id AS id
