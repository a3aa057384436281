// name: version_delete
// description: Forget a version whose elements are deleted. The :Dataset node stays, so a version number is never given twice.
// params: dataset (string), version (integer)
// columns: none
// mode: write
MATCH (v:DatasetVersion {dataset: $dataset, version: $version})
DELETE v
