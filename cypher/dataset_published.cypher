// name: dataset_published
// description: The version of a dataset analyses read (its published one) and that version's level schema (JSON); no row when the dataset has none published.
// params: dataset (string)
// columns: version, schema
// mode: read
// internal: yes
MATCH (d:Dataset {name: $dataset})
WHERE d.published IS NOT NULL
RETURN d.published AS version, d.schema AS schema
