// name: guard_settle
// description: The write to the dataset has committed or failed: remove the writer's token from the :DatasetGuard and move its version on; delete the guard when its dataset is gone and nobody is committing.
// params: dataset (string), token (string)
// columns: none
// mode: write
MATCH (g:DatasetGuard {name: $dataset})
SET g.version = CASE WHEN g.version >= timestamp() THEN g.version + 1 ELSE timestamp() END,
    g.committing = [t IN g.committing WHERE NOT t ENDS WITH ' ' + $token]
WITH g
WHERE size(g.committing) = 0 AND NOT EXISTS { MATCH (:Dataset {name: $dataset}) }
DELETE g
