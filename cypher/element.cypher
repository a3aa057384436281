// name: element
// description: One element of a dataset, by id.
// params: dataset (string), id (string)
// columns: id, name, level, opd
// mode: read
MATCH (e:Element {dataset: $dataset, id: $id})
RETURN e.id AS id, e.name AS name, e.level AS level, e.opd AS opd
