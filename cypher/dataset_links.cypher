// name: dataset_links
// description: The links of a dataset version as [parent id, child id] pairs, one row per level of the parents.
// params: dataset (string), version (integer: the version read, bound by cascade)
// columns: level, links
// mode: read
// internal: yes
//
// A few rows of long lists, not a row per link: the driver spends most of its
// time per record, so 10⁵ links come back in a tenth of the time.
MATCH (parent:Element {dataset: $dataset, version: $version})-[:CASCADES_TO]->(child:Element)
WHERE parent.id IS NOT NULL  // every element has one: lets the (dataset, version, id) index find them
RETURN parent.level AS level, collect([parent.id, child.id]) AS links
