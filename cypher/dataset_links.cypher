// name: dataset_links
// description: The links of a dataset's published version as (parent id, child id).
// params: dataset (string), version (integer)
// columns: parent, child
// mode: read
MATCH (parent:Element {dataset: $dataset, version: $version})-[:CASCADES_TO]->(child:Element)
WHERE parent.id IS NOT NULL  // every element has one: lets the (dataset, version, id) index find them
RETURN parent.id AS parent, child.id AS child
