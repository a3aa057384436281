// name: datasets
// description: What is loaded: each dataset with its element count per level, its link count, when and from where it was loaded.
// params: rank (map: level name → index, from cascade.levels)
// columns: name, loaded_at, source, counts, links
// mode: read
MATCH (d:Dataset)
CALL (d) {
  UNWIND keys($rank) AS level
  OPTIONAL MATCH (e:Element {dataset: d.name, level: level})
  WITH level, count(e) AS elements, sum(COUNT { (e)-[:CASCADES_TO]->() }) AS links
  RETURN collect([level, elements]) AS counts, sum(links) AS links
}
RETURN d.name AS name, toString(d.loaded_at) AS loaded_at, d.source AS source, counts, links
ORDER BY name
