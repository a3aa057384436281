// name: datasets
// description: What is loaded: each dataset with its element count per level, its link count, its level schema, when and from where it was loaded.
// params: none
// columns: name, loaded_at, source, schema, counts, links
// mode: read
MATCH (d:Dataset)
CALL (d) {
  MATCH (e:Element {dataset: d.name})
  WHERE e.level IS NOT NULL  // every element has one: lets the (dataset, level) index list them
  WITH e.level AS level, count(e) AS elements, sum(COUNT { (e)-[:CASCADES_TO]->() }) AS links
  RETURN collect([level, elements]) AS counts, sum(links) AS links
}
RETURN d.name AS name, toString(d.loaded_at) AS loaded_at, d.source AS source, d.schema AS schema, counts, links
ORDER BY name
