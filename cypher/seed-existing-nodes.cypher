// The seed loader's starting point: every entity's id and seed content hash (null for curated additions), so it
// can tell new nodes (staged) from changed ones (applied in the flip) and unchanged ones (skipped).
MATCH (n:Entity)
RETURN n.id AS id, n.seedHash AS hash
