// The seed loader's starting point for relationships: the key and seed content hash of every seeded one, so an
// unchanged relationship costs nothing and only new or changed ones between existing entities reach the flip.
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.seedHash IS NOT NULL
RETURN a.id + '|' + type(r) + '|' + b.id AS key, r.seedHash AS hash
