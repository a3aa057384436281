// name: clear_dataset
// description: Delete a dataset: its elements, their links and its :Dataset node.
// params: dataset (string)
// columns: none
// mode: write
OPTIONAL MATCH (d:Dataset {name: $dataset})
DETACH DELETE d
WITH count(*) AS done
MATCH (e:Element {dataset: $dataset})
WHERE e.id IS NOT NULL  // every element has one: lets the (dataset, id) index find them
DETACH DELETE e
