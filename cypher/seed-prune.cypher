// Removes seeded relationships and nodes that the seed files no longer hold (curated additions are kept).
CALL {
  MATCH (a:Entity)-[r]->(b:Entity)
  WHERE r.seeded AND NOT (a.id + '|' + type(r) + '|' + b.id) IN $edgeKeys
  DELETE r
  RETURN count(r) AS edges
}
CALL {
  MATCH (n:Entity)
  WHERE n.seeded AND NOT n.id IN $ids
  DETACH DELETE n
  RETURN count(n) AS nodes
}
RETURN edges, nodes
