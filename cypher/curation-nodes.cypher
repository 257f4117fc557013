// Curation: the entities with these ids as the writing transaction sees them (node null when absent).
UNWIND $ids AS id
OPTIONAL MATCH (n:Entity {id: id})
RETURN id, CASE WHEN n IS NULL THEN null ELSE n {.*, __label: [l IN labels(n) WHERE l <> 'Entity'][0]} END AS node
