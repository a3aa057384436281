// name: load_links
// description: Write one batch of parent → child links between elements of the dataset, matched by (dataset, id).
// params: dataset (string), rows (list of {parent, child})
// columns: none
// mode: write
UNWIND $rows AS row
MATCH (parent:Element {dataset: $dataset, id: row.parent})
MATCH (child:Element {dataset: $dataset, id: row.child})
MERGE (parent)-[:CASCADES_TO]->(child)
