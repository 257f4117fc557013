// assimilationCheck / assimilableTechniques: for each candidate technique, every path by which it would
// contradict the base model's tenets, and the curated re-reading (ASSIMILATES_INTO) where one exists.
// Candidates: the techniques in $techniqueIds, or (when null) every technique the base does not already use
// (every technique at all when $includeNative).
MATCH (b:Model {id: $baseModelId})
MATCH (t:Technique)
WHERE ($techniqueIds IS NULL AND ($includeNative OR NOT (b)-[:USES]->(t))) OR t.id IN coalesce($techniqueIds, [])
CALL (t, b) {
  // Direct: technique -ACTS_THROUGH-> mechanism -CONTRADICTS-> tenet <-HOLDS- base
  MATCH (t)-[a:ACTS_THROUGH]->(m:Mechanism)-[c:CONTRADICTS]->(tn:Tenet)<-[h:HOLDS]-(b)
  RETURN collect({
    kind: 'MECHANISM_CONTRADICTS_TENET', reason: c.reason,
    mechanism: m {.*, __label: 'Mechanism'}, tenet: tn {.*, __label: 'Tenet'}, presupposedTenet: null,
    steps: [
      {from: t {.*, __label: 'Technique'}, type: 'ACTS_THROUGH', to: m {.*, __label: 'Mechanism'}, sources: a.sources, evidence: a.evidence},
      {from: m {.*, __label: 'Mechanism'}, type: 'CONTRADICTS', to: tn {.*, __label: 'Tenet'}, sources: c.sources, evidence: c.evidence},
      {from: b {.*, __label: 'Model'}, type: 'HOLDS', to: tn {.*, __label: 'Tenet'}, sources: h.sources, evidence: h.evidence}
    ]
  }) AS direct
}
CALL (t, b) {
  // Presupposition: technique -ACTS_THROUGH-> mechanism -PRESUPPOSES-> tenet -CONTRADICTS- tenet <-HOLDS- base
  MATCH (t)-[a:ACTS_THROUGH]->(m:Mechanism)-[p:PRESUPPOSES]->(x:Tenet)-[c:CONTRADICTS]-(tn:Tenet)<-[h:HOLDS]-(b)
  WHERE NOT (b)-[:HOLDS]->(x)
  RETURN collect({
    kind: 'PRESUPPOSITION_CONTRADICTS_TENET', reason: c.reason,
    mechanism: m {.*, __label: 'Mechanism'}, tenet: tn {.*, __label: 'Tenet'}, presupposedTenet: x {.*, __label: 'Tenet'},
    steps: [
      {from: t {.*, __label: 'Technique'}, type: 'ACTS_THROUGH', to: m {.*, __label: 'Mechanism'}, sources: a.sources, evidence: a.evidence},
      {from: m {.*, __label: 'Mechanism'}, type: 'PRESUPPOSES', to: x {.*, __label: 'Tenet'}, sources: p.sources, evidence: p.evidence},
      {from: x {.*, __label: 'Tenet'}, type: 'CONTRADICTS', to: tn {.*, __label: 'Tenet'}, sources: c.sources, evidence: c.evidence},
      {from: b {.*, __label: 'Model'}, type: 'HOLDS', to: tn {.*, __label: 'Tenet'}, sources: h.sources, evidence: h.evidence}
    ]
  }) AS presupposition
}
OPTIONAL MATCH (t)-[r:ASSIMILATES_INTO]->(b)
RETURN
  t {.*, __label: 'Technique'} AS technique,
  b {.*, __label: 'Model'} AS baseModel,
  EXISTS { (b)-[:USES]->(t) } AS native,
  direct,
  presupposition,
  CASE WHEN r IS NULL THEN null ELSE {reframing: r.reframing, sources: r.sources, evidence: r.evidence} END AS assimilation
ORDER BY t.id
