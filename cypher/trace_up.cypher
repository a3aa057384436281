// name: trace_up
// description: One breadth-first step of an upward trace: the parents of the elements $ids (cascade runs it once per level of depth).
// params: dataset (string), version (integer: the published version, bound by cascade), ids (list of element ids)
// columns: source, id, name, level, opd
// mode: read
UNWIND $ids AS source
MATCH (:Element {dataset: $dataset, version: $version, id: source})<-[:CASCADES_TO]-(e:Element)
RETURN source, e.id AS id, e.name AS name, e.level AS level, e.opd AS opd
