// name: version_publish
// description: Publish a version whose every batch has committed and been counted: move the dataset's pointer to it in one small transaction; the version published before becomes old. Publishes only a version newer than the one published (of two loads of one dataset, the one started last wins).
// params: dataset (string), version (integer), elements (integer), links (integer), counts (string: elements per level as JSON)
// columns: published
// mode: write
MATCH (d:Dataset {name: $dataset})
MATCH (v:DatasetVersion {dataset: $dataset, version: $version})
WHERE v.state = 'loading' AND coalesce(d.published, 0) < $version
WITH d, v, d.published AS previous
SET d.published = $version, d.schema = v.schema, d.source = v.source, d.loaded_at = datetime(),
  v.state = 'published', v.published_at = d.loaded_at, v.elements = $elements, v.links = $links,
  v.counts = $counts, v.written = $elements + $links
WITH v, previous
OPTIONAL MATCH (old:DatasetVersion {dataset: $dataset, version: previous})
SET old.state = 'old'
RETURN v.version AS published
