// Curation: changes an entity's fields (a null in $props removes that property) and moves its version on.
// `+=` keeps seedHash, so a re-seed leaves the curated change alone until the seed entry itself changes.
MATCH (n:Entity {id: $id})
WHERE coalesce(n.version, 0) = $version
WITH n, coalesce(n.version, 0) + 1 AS version
SET n += $props, n.version = version
RETURN n {.*, __label: [l IN labels(n) WHERE l <> 'Entity'][0]} AS node
