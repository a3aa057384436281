// name: load_elements
// description: Write one batch of elements: MERGE by (dataset, id), properties set from the source, the level's label (from cascade.levels) set and any other level label removed.
// params: dataset (string), rows (list of {id, label, props}; props holds dataset, id, name, level, opd and the attributes as strings), labels (list: every level label, from cascade.levels)
// columns: none
// mode: write
UNWIND $rows AS row
MERGE (e:Element {dataset: $dataset, id: row.id})
SET e = row.props
REMOVE e:$([label IN $labels WHERE label <> row.label])
SET e:$(row.label)
