// name: guard_announce
// description: Tell readers that a write to the dataset is about to commit: add the writer's token to the dataset's :DatasetGuard and move its version on. Its own short transaction, committed just before the writer commits.
// params: dataset (string), token (string), stale_ms (integer: tokens older than this are from writers that died, and are dropped)
// columns: none
// mode: write
//
// Neo4j reads are read-committed: a read running while a big transaction
// commits can see part of it. The guard is a sequence lock around that commit
// (see Neo4jStore._consistent). Each token is "<server ms> <token>". The
// version is a server timestamp, or one more than the last, so it never
// repeats, even after the guard was deleted and made again.
MERGE (g:DatasetGuard {name: $dataset})
SET g.version = CASE WHEN g.version >= timestamp() THEN g.version + 1 ELSE timestamp() END,
    g.committing = [t IN coalesce(g.committing, [])
                    WHERE NOT t ENDS WITH ' ' + $token AND toInteger(split(t, ' ')[0]) > timestamp() - $stale_ms]
                   + [toString(timestamp()) + ' ' + $token]
