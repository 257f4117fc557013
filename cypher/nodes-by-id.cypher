// Batch: the entities with these ids (one row per id; node is null for an unknown id).
// The index hint as in links-out: right after a seed, before the id index is sampled, the planner may scan it per id.
UNWIND $ids AS id
OPTIONAL MATCH (n:Entity {id: id}) USING INDEX n:Entity(id)
RETURN id, CASE WHEN n IS NULL THEN null ELSE n {.*, __label: [l IN labels(n) WHERE l <> 'Entity'][0]} END AS node
