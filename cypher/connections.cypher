// connections: all shortest paths between two entities, in either direction, over any relationship.
// Variable-length bounds must be literals in Cypher, so the search stops at 6 (the API's cap) and the asked-for
// $maxHops filters the result; all shortest paths share one length, so the filter keeps all of them or none.
MATCH (a:Entity {id: $fromId}), (b:Entity {id: $toId})
MATCH p = allShortestPaths((a)-[*..6]-(b))
// Only through entities: never through a seed load's staged nodes or the crosswalks' external terms.
WHERE all(n IN nodes(p) WHERE n:Entity)
WITH p, [n IN nodes(p) | n.id] AS ids
WHERE length(p) <= $maxHops
ORDER BY ids
LIMIT $limit
RETURN
  [n IN nodes(p) | n {.*, __label: [l IN labels(n) WHERE l <> 'Entity'][0]}] AS nodes,
  [r IN relationships(p) | {fromId: startNode(r).id, type: type(r), toId: endNode(r).id, sources: r.sources, evidence: r.evidence}] AS rels
