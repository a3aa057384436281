// name: load_begin
// description: Open a load: stamp the dataset's :Dataset node (when, from which source, with which level schema). The first statement of the load's transaction, so it also locks that node: a second load of the same dataset waits here until the first has committed or failed, then reads what the first left.
// params: dataset (string), source (string or null), schema (string: the level schema as JSON)
// columns: none
// mode: write
MERGE (d:Dataset {name: $dataset})
SET d.loaded_at = datetime(), d.source = $source, d.schema = $schema
