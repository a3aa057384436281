// name: delete_links
// description: Delete one batch of a dataset's parent → child links, matched by (dataset, id).
// params: dataset (string), rows (list of {parent, child})
// columns: none
// mode: write
UNWIND $rows AS row
MATCH (:Element {dataset: $dataset, id: row.parent})-[link:CASCADES_TO]->(:Element {dataset: $dataset, id: row.child})
DELETE link
