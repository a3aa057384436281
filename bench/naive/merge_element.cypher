// The naive load, one element: one MERGE in a transaction of its own (py2neo-era style).
MERGE (e:Element {dataset: $dataset, version: 0, id: $id})
SET e += $props, e:$($label)
