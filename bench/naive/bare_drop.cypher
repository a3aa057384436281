// Empty the bare load's dataset, in committed batches (an auto-commit query).
MATCH (e:Element {dataset: $dataset, version: 0})
WHERE e.id IS NOT NULL
CALL (e) { DETACH DELETE e } IN TRANSACTIONS OF 10000 ROWS
