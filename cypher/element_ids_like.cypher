// name: element_ids_like
// description: Ids of a dataset that begin like a given id, for "did you mean" (bounded).
// params: dataset (string), version (integer: the published version, bound by cascade), start (string), limit (integer)
// columns: id
// mode: read
// internal: yes
MATCH (e:Element {dataset: $dataset, version: $version})
WHERE e.id STARTS WITH $start
RETURN e.id AS id
LIMIT $limit
