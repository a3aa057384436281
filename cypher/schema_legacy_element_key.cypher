// name: schema_legacy_element_key
// description: Drop the (dataset, id) uniqueness of databases loaded before versions: it would refuse a second version of an element.
// params: none
// columns: none
// mode: schema
DROP CONSTRAINT cascade_element_key IF EXISTS
