// name: schema_dataset_name
// description: One :Dataset metadata node per loaded dataset name.
// params: none
// columns: none
// mode: schema
CREATE CONSTRAINT cascade_dataset_name IF NOT EXISTS
FOR (d:Dataset) REQUIRE d.name IS UNIQUE
