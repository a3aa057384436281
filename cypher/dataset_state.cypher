// name: dataset_state
// description: Whether the dataset is loaded, its guard's version and how many writes to it are committing right now (read before and after each analysis).
// params: dataset (string), stale_ms (integer: tokens older than this are from writers that died, and are ignored)
// columns: loaded, version, committing
// mode: read
OPTIONAL MATCH (d:Dataset {name: $dataset})
OPTIONAL MATCH (g:DatasetGuard {name: $dataset})
RETURN d IS NOT NULL AS loaded, coalesce(g.version, 0) AS version,
  size([t IN coalesce(g.committing, []) WHERE toInteger(split(t, ' ')[0]) > timestamp() - $stale_ms]) AS committing
