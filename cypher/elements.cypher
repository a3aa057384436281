// name: elements
// description: Every element of a dataset version with all its properties (id, name, level, opd and the attributes), one row per level.
// params: dataset (string), version (integer: the version read, bound by cascade)
// columns: level, elements
// mode: read
// internal: yes
//
// A row per level holding the list of its elements' property maps, not a
// row per element: the driver spends most of its time per record.
MATCH (e:Element {dataset: $dataset, version: $version})
WHERE e.id IS NOT NULL  // every element has one: lets the (dataset, version, id) index find them
RETURN e.level AS level, collect(properties(e)) AS elements
