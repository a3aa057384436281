// name: elements_present
// description: Which of $ids are elements of a dataset version.
// params: dataset (string), version (integer: the version read, bound by cascade), ids (list of strings)
// columns: id
// mode: read
// internal: yes
MATCH (e:Element {dataset: $dataset, version: $version})
WHERE e.id IN $ids
RETURN e.id AS id
