// name: schema_names
// description: The names of the database's indexes, which include those backing constraints (a load creates only the missing schema: creating it waits on other writers).
// params: none
// columns: name
// mode: read
// internal: yes
SHOW INDEXES YIELD name
RETURN name
