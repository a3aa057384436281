// name: version_begin
// description: Open a load: take the dataset's next version number and record it as loading (when, from which source, with which level schema). A small transaction of its own; two loads of one dataset get two numbers.
// params: dataset (string), source (string or null), schema (string: the level schema as JSON)
// columns: version
// mode: write
//
// `skips_marked`: this version's links that pass over a level carry `skips`
// (check finds them by index; versions loaded before are scanned).
//
// The number is one more than the last one given (`next`, kept on the
// :Dataset node, which is never deleted), so it never repeats.
MERGE (d:Dataset {name: $dataset})
SET d.next = coalesce(d.next, 0) + 1
CREATE (v:DatasetVersion {dataset: $dataset, version: d.next, state: 'loading', started_at: datetime(),
  heartbeat: datetime(), source: $source, schema: $schema, written: 0, skips_marked: true})
RETURN v.version AS version
