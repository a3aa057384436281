// name: element
// description: One element of a dataset, by id.
// params: dataset (string), version (integer: the published version, bound by cascade), id (string)
// columns: id, name, level, opd
// mode: read
// internal: yes
MATCH (e:Element {dataset: $dataset, version: $version, id: $id})
RETURN e.id AS id, e.name AS name, e.level AS level, e.opd AS opd
