// Upserts seed relationships between existing nodes; unchanged ones are not touched.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:$(row.type)]->(b)
WITH r, row
WHERE r.seedHash IS NULL OR r.seedHash <> row.hash
SET r = row.props, r.seedHash = row.hash
RETURN count(r) AS changed
