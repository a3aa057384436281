// name: elements
// description: Every element of a dataset version with all its properties (id, name, level, opd and the attributes), for diff and reports.
// params: dataset (string), version (integer: the version read, bound by cascade)
// columns: props
// mode: read
MATCH (e:Element {dataset: $dataset, version: $version})
WHERE e.id IS NOT NULL  // every element has one: lets the (dataset, version, id) index find them
RETURN properties(e) AS props
