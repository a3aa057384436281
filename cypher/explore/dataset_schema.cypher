// name: dataset_schema
// description: What a dataset holds, for a newcomer: its labels, relationship types and property keys, each with how many nodes or links carry it.
// params: dataset (string), version (integer: the published version, bound by cascade)
// columns: kind, name, count
// mode: read
MATCH (e:Element {dataset: $dataset, version: $version})
WHERE e.id IS NOT NULL  // every element has one: lets the (dataset, id) index find them
UNWIND labels(e) AS name
RETURN 'label' AS kind, name, count(*) AS count
UNION ALL
MATCH (e:Element {dataset: $dataset, version: $version})-[r]->()
WHERE e.id IS NOT NULL
RETURN 'relationship type' AS kind, type(r) AS name, count(*) AS count
UNION ALL
MATCH (e:Element {dataset: $dataset, version: $version})
WHERE e.id IS NOT NULL
UNWIND keys(e) AS name
RETURN 'property key' AS kind, name, count(*) AS count
