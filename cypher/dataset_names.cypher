// name: dataset_names
// description: The names of the datasets with a published version.
// params: none
// columns: name
// mode: read
// internal: yes
MATCH (d:Dataset)
WHERE d.published IS NOT NULL
RETURN d.name AS name
ORDER BY name
