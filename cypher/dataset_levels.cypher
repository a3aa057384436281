// name: dataset_levels
// description: The level schema a dataset was loaded with (JSON), if the dataset is loaded.
// params: dataset (string)
// columns: schema
// mode: read
MATCH (d:Dataset {name: $dataset})
RETURN d.schema AS schema
