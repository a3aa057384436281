// The naive load, one link: one MERGE in a transaction of its own (py2neo-era style).
MATCH (a:Element {dataset: $dataset, version: 0, id: $parent}), (b:Element {dataset: $dataset, version: 0, id: $child})
MERGE (a)-[:CASCADES_TO]->(b)
