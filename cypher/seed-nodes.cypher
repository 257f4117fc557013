// Upserts seed nodes; a node whose content hash is unchanged is not touched, so a second run changes nothing.
// A changed node's version moves on from the one it had (curation's optimistic concurrency reads it).
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
WITH n, row
WHERE n.seedHash IS NULL OR n.seedHash <> row.hash
WITH n, row, coalesce(n.version, 0) + 1 AS version
SET n = row.props, n.seedHash = row.hash, n.version = version
SET n:$(row.label)
RETURN count(n) AS changed
