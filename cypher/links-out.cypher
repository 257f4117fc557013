// Batch: relationships leaving each entity, optionally limited to some types and to targets with a label.
UNWIND $ids AS id
MATCH (n:Entity {id: id})-[r]->(m:Entity)
WHERE ($types IS NULL OR type(r) IN $types) AND ($label IS NULL OR $label IN labels(m))
RETURN id, type(r) AS type, properties(r) AS props, m {.*, __label: [l IN labels(m) WHERE l <> 'Entity'][0]} AS node
ORDER BY id, type, node.name, node.id
