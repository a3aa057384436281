// The bare best-practice load, links: UNWIND batches of 10k rows, matched by the (dataset, version, id) constraint.
UNWIND $rows AS row
MATCH (a:Element {dataset: $dataset, version: 0, id: row.parent})
MATCH (b:Element {dataset: $dataset, version: 0, id: row.child})
CREATE (a)-[:CASCADES_TO]->(b)
