// name: version_fail
// description: Mark a version that will never be published as failed, with the reason (it is invisible to analyses and removed by the next load or `cascade datasets --clean`).
// params: dataset (string), version (integer), reason (string)
// columns: none
// mode: write
MATCH (v:DatasetVersion {dataset: $dataset, version: $version})
WHERE v.state = 'loading'
SET v.state = 'failed', v.reason = $reason, v.heartbeat = datetime()
