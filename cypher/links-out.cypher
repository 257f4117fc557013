// Batch: relationships leaving each entity, optionally limited to some types and to targets with a label.
// With $fields, the neighbour is projected to those properties (id, name and label always), else returned whole.
// The relationship's own properties (citation, reason, role...) only when $withProps: fields listing plain
// neighbours do not need them, and they are most of the bytes.
// The index hint: planned right after a seed, with the id index's statistics not yet sampled, Neo4j chose a scan of
// the whole index per id (219k db hits instead of 472 for 236 ids on the curated graph).
UNWIND $ids AS id
MATCH (n:Entity {id: id})-[r]->(m:Entity) USING INDEX n:Entity(id)
WHERE ($types IS NULL OR type(r) IN $types) AND ($label IS NULL OR $label IN labels(m))
WITH id, r, m, [l IN labels(m) WHERE l <> 'Entity'][0] AS label
RETURN id, type(r) AS type, CASE WHEN $withProps THEN properties(r) ELSE null END AS props,
  CASE WHEN $fields IS NULL THEN m {.*, __label: label}
       ELSE m {.id, .name, __label: label, __partial: true, __props: [k IN $fields | [k, m[k]]]} END AS node
ORDER BY id, type, m.name, m.id
