// Exports: every relationship between two entities, with its properties (sources, evidence, reason, ...).
MATCH (a:Entity)-[r]->(b:Entity)
RETURN a.id AS fromId, type(r) AS type, b.id AS toId, properties(r) AS props
ORDER BY fromId, type, toId
