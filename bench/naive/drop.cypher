// Empty the naive load's dataset (small: a sample of a few thousand elements).
MATCH (e:Element {dataset: $dataset, version: 0})
DETACH DELETE e
