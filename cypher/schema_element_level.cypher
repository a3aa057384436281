// name: schema_element_level
// description: Index for per-level lookups in one version of a dataset (all processes of "tangerang" as published).
// params: none
// columns: none
// mode: schema
CREATE INDEX cascade_element_version_level IF NOT EXISTS
FOR (e:Element) ON (e.dataset, e.version, e.level)
