// name: schema_dataset_guard
// description: One :DatasetGuard per dataset name (the marker readers check so they never see half of a commit).
// params: none
// columns: none
// mode: schema
CREATE CONSTRAINT cascade_dataset_guard IF NOT EXISTS
FOR (g:DatasetGuard) REQUIRE g.name IS UNIQUE
