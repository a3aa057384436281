// name: dataset_names
// description: The names of the loaded datasets.
// params: none
// columns: name
// mode: read
MATCH (d:Dataset)
RETURN d.name AS name
ORDER BY name
