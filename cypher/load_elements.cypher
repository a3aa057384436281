// name: load_elements
// description: Write one batch of elements into a new version: CREATE (the version is empty, so nothing to merge), properties from the source, the level's label from cascade.levels.
// params: dataset (string), version (integer), rows (list of {label, props}; props holds dataset, version, id, name, level, opd and the attributes as strings)
// columns: none
// mode: write
//
// Only into a version still loading: a loader that was taken for dead (its
// version failed or deleted) writes nothing more, and sees it in the counts.
MATCH (:DatasetVersion {dataset: $dataset, version: $version, state: 'loading'})
UNWIND $rows AS row
CREATE (e:Element:$(row.label))
SET e = row.props
