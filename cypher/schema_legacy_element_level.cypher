// name: schema_legacy_element_level
// description: Drop the (dataset, level) index of databases loaded before versions (the versioned index replaces it).
// params: none
// columns: none
// mode: schema
DROP INDEX cascade_element_level IF EXISTS
