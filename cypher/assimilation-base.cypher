// assimilationCheck, assimilableTechniques, tailor and validatePlan with a base, the assimilation matrix: what the
// coherence rule (src/reasoning/assimilation.ts) reads of one base model, joined in process with the mechanisms
// each technique acts through (cypher/technique-profiles). One row, or none when no model has the id:
// - against: mechanisms that contradict a tenet the base holds (MECHANISM -CONTRADICTS-> tenet <-HOLDS- base);
// - clashes: mechanisms that presuppose a tenet the base does not hold and that contradicts one it holds
//   (MECHANISM -PRESUPPOSES-> tenet -CONTRADICTS- tenet <-HOLDS- base);
// - stances: the base's STANCE tenets, with the directiveness and structure they rule out;
// - usedIds: the techniques the base uses; rereadings: the curated re-readings (technique -ASSIMILATES_INTO-> base).
// Read per technique in one query, this was the work of an uncached verdict list on a large graph (issue 13); what
// depends on the base is a handful of rows. Nodes are projected to id and name (__partial: GraphQL completes them).
MATCH (b:Model {id: $baseModelId})
CALL (b) {
  OPTIONAL MATCH (b)-[h:HOLDS]->(tn:Tenet)<-[c:CONTRADICTS]-(m:Mechanism)
  WITH m, c, tn, h WHERE m IS NOT NULL
  RETURN collect({
    mechanismId: m.id, reason: c.reason, tenet: tn {.id, .name, __label: 'Tenet', __partial: true},
    contradicts: {sources: c.sources, evidence: c.evidence}, holds: {sources: h.sources, evidence: h.evidence}
  }) AS against
}
CALL (b) {
  OPTIONAL MATCH (b)-[h:HOLDS]->(tn:Tenet)-[c:CONTRADICTS]-(x:Tenet)<-[p:PRESUPPOSES]-(m:Mechanism)
  WHERE NOT (b)-[:HOLDS]->(x)
  WITH m, p, x, c, tn, h WHERE m IS NOT NULL
  RETURN collect({
    mechanismId: m.id, reason: c.reason, presupposed: x {.id, .name, __label: 'Tenet', __partial: true}, tenet: tn {.id, .name, __label: 'Tenet', __partial: true},
    presupposes: {sources: p.sources, evidence: p.evidence}, contradicts: {sources: c.sources, evidence: c.evidence}, holds: {sources: h.sources, evidence: h.evidence}
  }) AS clashes
}
CALL (b) {
  OPTIONAL MATCH (b)-[h:HOLDS]->(tn:Tenet {kind: 'STANCE'})
  WITH tn, h WHERE tn IS NOT NULL
  RETURN collect({
    tenet: tn {.id, .name, __label: 'Tenet', __partial: true}, reason: tn.stanceReason, sources: tn.sources, evidence: tn.evidence,
    excludesDirectiveness: coalesce(tn.excludesDirectiveness, []), excludesStructure: coalesce(tn.excludesStructure, []),
    holds: {sources: h.sources, evidence: h.evidence}
  }) AS stances
}
CALL (b) {
  OPTIONAL MATCH (b)-[:USES]->(u:Technique)
  RETURN collect(u.id) AS usedIds
}
CALL (b) {
  OPTIONAL MATCH (s:Technique)-[r:ASSIMILATES_INTO]->(b)
  WITH s, r WHERE s IS NOT NULL
  RETURN collect({techniqueId: s.id, reframing: r.reframing, sources: r.sources, evidence: r.evidence}) AS rereadings
}
RETURN b {.id, .name, __label: 'Model', __partial: true} AS baseModel, against, clashes, stances, usedIds, rereadings
