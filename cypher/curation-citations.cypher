// Curation: what still cites a source (entities, relationships, effect sizes), before it may be deleted.
CALL {
  MATCH (n:Entity)
  WHERE $id IN coalesce(n.sources, []) OR coalesce(n.effectSizes, '') CONTAINS $needle
  RETURN count(n) AS entities
}
CALL {
  MATCH (:Entity)-[r]->(:Entity)
  WHERE $id IN coalesce(r.sources, [])
  RETURN count(r) AS relationships
}
RETURN entities, relationships
