// name: version_heartbeat
// description: A loader is alive: stamp its version with the time and how many rows have committed (a loading version silent for long is from a loader that died).
// params: dataset (string), version (integer), written (integer)
// columns: none
// mode: write
MATCH (v:DatasetVersion {dataset: $dataset, version: $version})
SET v.heartbeat = datetime(), v.written = $written
