// name: served
// description: Each element of $level with the elements of $by directly above it (an application and the processes it serves).
// params: dataset (string), version (integer: the version read, bound by cascade), level (string, English level name), by (string, English level name above level)
// columns: id, by
// mode: read
MATCH (x:Element {dataset: $dataset, version: $version, level: $level})<-[:CASCADES_TO]-(p:Element {level: $by})
RETURN x.id AS id, collect(p.id) AS by
