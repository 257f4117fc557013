// Exports: one technique matrix, (from)-[:type]->(to): every entity of both kinds (for the 0/1 grid) and every link
// with its evidence and sources. The labels and type come from src/export/matrices.ts, never from a request.
CALL () {
  MATCH (f:$($from))
  RETURN collect({id: f.id, name: f.name}) AS fromNodes
}
CALL () {
  MATCH (t:$($to))
  RETURN collect({id: t.id, name: t.name}) AS toNodes
}
CALL () {
  MATCH (f:$($from))-[r:$($type)]->(t:$($to))
  RETURN collect({fromId: f.id, toId: t.id, evidence: r.evidence, sources: r.sources}) AS links
}
RETURN fromNodes, toNodes, links
