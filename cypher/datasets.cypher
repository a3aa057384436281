// name: datasets
// description: Every version of every dataset: its state (loading, published, old, failed), counts per level and links, level schema, source, when it started and was published, and why it failed. Read from the small :DatasetVersion nodes only.
// params: stale_seconds (integer: a loading version silent this long is from a loader that died, shown as failed)
// columns: name, version, state, counts, elements, links, written, schema, source, started_at, published_at, reason
// mode: read
// internal: yes
MATCH (v:DatasetVersion)
WITH v, v.state = 'loading' AND v.heartbeat < datetime() - duration({seconds: $stale_seconds}) AS stalled
RETURN v.dataset AS name, v.version AS version, CASE WHEN stalled THEN 'failed' ELSE v.state END AS state,
  v.counts AS counts, v.elements AS elements, v.links AS links, v.written AS written, v.schema AS schema,
  v.source AS source, toString(v.started_at) AS started_at, toString(v.published_at) AS published_at,
  CASE WHEN stalled THEN 'its loader stopped without a word (killed, or lost its connection)' ELSE v.reason END AS reason
ORDER BY name, version DESC
