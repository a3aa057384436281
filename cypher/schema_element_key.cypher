// name: schema_element_key
// description: Element ids are unique within their dataset (a composite uniqueness constraint, which Community supports); it also backs every lookup by (dataset, id).
// params: none
// columns: none
// mode: schema
CREATE CONSTRAINT cascade_element_key IF NOT EXISTS
FOR (e:Element) REQUIRE (e.dataset, e.id) IS UNIQUE
