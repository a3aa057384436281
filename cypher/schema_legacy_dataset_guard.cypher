// name: schema_legacy_dataset_guard
// description: Drop the :DatasetGuard constraint of databases loaded before versions (readers no longer wait on loads).
// params: none
// columns: none
// mode: schema
DROP CONSTRAINT cascade_dataset_guard IF EXISTS
