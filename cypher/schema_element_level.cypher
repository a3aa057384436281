// name: schema_element_level
// description: Index for per-level lookups in one dataset (all processes of "tangerang").
// params: none
// columns: none
// mode: schema
CREATE INDEX cascade_element_level IF NOT EXISTS
FOR (e:Element) ON (e.dataset, e.level)
