// neighborhood: the entities with these ids and every relationship between two of them.
MATCH (n:Entity)
WHERE n.id IN $ids
CALL (n) {
  MATCH (n)-[r]->(m:Entity)
  WHERE m.id IN $ids
  RETURN collect({fromId: n.id, type: type(r), toId: m.id, sources: r.sources, evidence: r.evidence}) AS edges
}
RETURN n {.*, __label: [l IN labels(n) WHERE l <> 'Entity'][0]} AS node, edges
ORDER BY n.id
