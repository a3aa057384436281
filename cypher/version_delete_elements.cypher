// name: version_delete_elements
// description: Delete one version's elements and their links, in committed batches (server memory stays bounded however big the version is). Runs as an auto-commit query.
// params: dataset (string), version (integer), batch (integer: elements per transaction)
// columns: none
// mode: write
MATCH (e:Element {dataset: $dataset, version: $version})
WHERE e.id IS NOT NULL  // every element has one: lets the (dataset, version, id) index find them
CALL (e) {
  DETACH DELETE e
} IN TRANSACTIONS OF $batch ROWS
