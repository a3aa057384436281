// name: dataset_links
// description: A dataset's links as (parent id, child id) (a replacing load removes those its source no longer has).
// params: dataset (string)
// columns: parent, child
// mode: read
MATCH (parent:Element {dataset: $dataset})-[:CASCADES_TO]->(child:Element)
WHERE parent.id IS NOT NULL  // every element has one: lets the (dataset, id) index find them
RETURN parent.id AS parent, child.id AS child
