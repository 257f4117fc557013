// Integrity: nodes and relationships that cite no source or carry no evidence level, and citations of unknown sources.
CALL {
  MATCH (n:Entity) WHERE NOT n:Source AND (size(coalesce(n.sources, [])) = 0 OR n.evidence IS NULL)
  RETURN collect(n.id) AS nodes
}
CALL {
  MATCH (a:Entity)-[r]->(b:Entity) WHERE size(coalesce(r.sources, [])) = 0 OR r.evidence IS NULL
  RETURN collect(a.id + ' ' + type(r) + ' ' + b.id) AS edges
}
CALL {
  MATCH (s:Source) WITH collect(s.id) AS keys
  MATCH (n:Entity) UNWIND coalesce(n.sources, []) AS key
  WITH keys, n, key WHERE NOT key IN keys
  RETURN collect(n.id + ' cites ' + key) AS nodeCitations
}
CALL {
  MATCH (s:Source) WITH collect(s.id) AS keys
  MATCH (a:Entity)-[r]->(:Entity) UNWIND coalesce(r.sources, []) AS key
  WITH keys, a, r, key WHERE NOT key IN keys
  RETURN collect(a.id + ' ' + type(r) + ' cites ' + key) AS edgeCitations
}
RETURN nodes, edges, nodeCitations, edgeCitations
