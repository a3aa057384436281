// name: schema_link_skips
// description: The links that pass over a level, marked when loaded, found at once by check.
// params: none
// columns: none
// mode: schema
CREATE INDEX cascade_link_skips IF NOT EXISTS
FOR ()-[r:CASCADES_TO]-() ON (r.skips)
