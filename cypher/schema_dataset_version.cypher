// name: schema_dataset_version
// description: One :DatasetVersion node per (dataset, version): what each load wrote, its state and counts.
// params: none
// columns: none
// mode: schema
CREATE CONSTRAINT cascade_dataset_version IF NOT EXISTS
FOR (v:DatasetVersion) REQUIRE (v.dataset, v.version) IS UNIQUE
