// name: load_dataset
// description: Record a load on the dataset's :Dataset node: when, from which source.
// params: dataset (string), source (string or null)
// columns: none
// mode: write
MERGE (d:Dataset {name: $dataset})
SET d.loaded_at = datetime(), d.source = $source
