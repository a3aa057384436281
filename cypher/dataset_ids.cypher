// name: dataset_ids
// description: The ids of a dataset's elements (a replacing load removes those its source no longer has).
// params: dataset (string)
// columns: id
// mode: read
MATCH (e:Element {dataset: $dataset})
WHERE e.id IS NOT NULL  // every element has one: lets the (dataset, id) index find them
RETURN e.id AS id
