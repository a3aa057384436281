// name: schema_element_key
// description: Element ids are unique within one version of a dataset (a composite uniqueness constraint, which Community supports); it also backs every lookup by (dataset, version, id).
// params: none
// columns: none
// mode: schema
CREATE CONSTRAINT cascade_element_version_key IF NOT EXISTS
FOR (e:Element) REQUIRE (e.dataset, e.version, e.id) IS UNIQUE
