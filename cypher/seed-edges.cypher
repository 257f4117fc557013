// Upserts seed relationships between existing nodes; unchanged ones are not touched.
// A changed relationship's version moves on from the one it had (curation's optimistic concurrency reads it).
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:$(row.type)]->(b)
WITH r, row
WHERE r.seedHash IS NULL OR r.seedHash <> row.hash
WITH r, row, coalesce(r.version, 0) + 1 AS version
SET r = row.props, r.seedHash = row.hash, r.version = version
RETURN count(r) AS changed
