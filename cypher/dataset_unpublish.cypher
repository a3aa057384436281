// name: dataset_unpublish
// description: Take a dataset out of use at once (`cascade datasets --drop`): no version is published any more, the one that was becomes old; its versions are deleted next, in batches.
// params: dataset (string)
// columns: none
// mode: write
MATCH (d:Dataset {name: $dataset})
OPTIONAL MATCH (v:DatasetVersion {dataset: $dataset, version: d.published})
SET v.state = 'old'
REMOVE d.published
