// name: delete_elements
// description: Delete one batch of a dataset's elements, by id, with their links.
// params: dataset (string), ids (list of element ids)
// columns: none
// mode: write
UNWIND $ids AS id
MATCH (e:Element {dataset: $dataset, id: id})
DETACH DELETE e
