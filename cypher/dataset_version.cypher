// name: dataset_version
// description: One kept version of a dataset (published now, or published before and kept for diff) and its level schema (JSON); no row when there is none such.
// params: dataset (string), version (integer)
// columns: version, schema
// mode: read
// internal: yes
MATCH (v:DatasetVersion {dataset: $dataset, version: $version})
WHERE v.state IN ['published', 'old']
RETURN v.version AS version, v.schema AS schema
