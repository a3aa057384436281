// name: load_elements
// description: Write one batch of elements: MERGE by (dataset, id), properties set from the source, the level's label (from cascade.levels) set and any other level label removed.
// params: dataset (string), rows (list of {id, label, props}; props holds dataset, id, name, level, opd and the attributes as strings), labels (list: every level label, from cascade.levels)
// columns: none
// mode: write
//
// A stale level label exists only when an element changed level between two
// loads; it is removed only then (removing labels on every row halved the
// load rate).
UNWIND $rows AS row
MERGE (e:Element {dataset: $dataset, id: row.id})
SET e = row.props
WITH e, row, [label IN labels(e) WHERE label IN $labels AND label <> row.label] AS stale
FOREACH (_ IN CASE WHEN size(stale) > 0 THEN [1] ELSE [] END | REMOVE e:$(stale))
SET e:$(row.label)
