// name: same_parents
// description: Elements of $level grouped by the set of their parents at $by, groups of two or more: applications serving exactly the same processes.
// params: dataset (string), version (integer: the version read, bound by cascade), level (string, English level name), by (string, English level name above level)
// columns: members, parents
// mode: read
MATCH (x:Element {dataset: $dataset, version: $version, level: $level})<-[:CASCADES_TO]-(p:Element {level: $by})
WITH x, p.id AS parent ORDER BY parent
WITH x, collect(parent) AS parents
WITH parents, collect(x.id) AS members
WHERE size(members) > 1
RETURN members, parents
