// name: load_links
// description: Write one batch of parent → child links between elements of one version of a dataset, matched by (dataset, version, id).
// params: dataset (string), version (integer), rows (list of {parent, child, skips: true when the link passes over a level that is not optional, else absent})
// columns: none
// mode: write
MATCH (:DatasetVersion {dataset: $dataset, version: $version, state: 'loading'})  // see load_elements
UNWIND $rows AS row
MATCH (parent:Element {dataset: $dataset, version: $version, id: row.parent})
MATCH (child:Element {dataset: $dataset, version: $version, id: row.child})
CREATE (parent)-[:CASCADES_TO {skips: row.skips}]->(child)  // a null property is not written
