// Upserts seed nodes; a node whose content hash is unchanged is not touched, so a second run changes nothing.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
WITH n, row
WHERE n.seedHash IS NULL OR n.seedHash <> row.hash
SET n = row.props, n.seedHash = row.hash
SET n:$(row.label)
RETURN count(n) AS changed
