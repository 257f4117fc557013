// assimilationCheck / assimilableTechniques: for each candidate technique, every path by which it would
// contradict the base model's tenets (through a mechanism, a presupposition or the therapist's stance), and the curated re-reading (ASSIMILATES_INTO) where one exists.
// Candidates: the techniques in $techniqueIds, or (when null) every technique the base does not already use
// (every technique at all when $includeNative). With $onlyCompatible, techniques with an unresolved conflict are
// dropped here rather than shipped. Nodes are projected to id and name (__partial: GraphQL completes the rest).
MATCH (b:Model {id: $baseModelId})
MATCH (t:Technique)
WHERE ($techniqueIds IS NULL AND ($includeNative OR NOT (b)-[:USES]->(t))) OR t.id IN coalesce($techniqueIds, [])
CALL (t, b) {
  // Direct: technique -ACTS_THROUGH-> mechanism -CONTRADICTS-> tenet <-HOLDS- base
  MATCH (t)-[a:ACTS_THROUGH]->(m:Mechanism)-[c:CONTRADICTS]->(tn:Tenet)<-[h:HOLDS]-(b)
  RETURN collect({
    kind: 'MECHANISM_CONTRADICTS_TENET', reason: c.reason,
    mechanism: m {.id, .name, __label: 'Mechanism', __partial: true}, tenet: tn {.id, .name, __label: 'Tenet', __partial: true}, presupposedTenet: null,
    steps: [
      {from: t {.id, .name, __label: 'Technique', __partial: true}, type: 'ACTS_THROUGH', to: m {.id, .name, __label: 'Mechanism', __partial: true}, sources: a.sources, evidence: a.evidence},
      {from: m {.id, .name, __label: 'Mechanism', __partial: true}, type: 'CONTRADICTS', to: tn {.id, .name, __label: 'Tenet', __partial: true}, sources: c.sources, evidence: c.evidence},
      {from: b {.id, .name, __label: 'Model', __partial: true}, type: 'HOLDS', to: tn {.id, .name, __label: 'Tenet', __partial: true}, sources: h.sources, evidence: h.evidence}
    ]
  }) AS direct
}
CALL (t, b) {
  // Presupposition: technique -ACTS_THROUGH-> mechanism -PRESUPPOSES-> tenet -CONTRADICTS- tenet <-HOLDS- base
  MATCH (t)-[a:ACTS_THROUGH]->(m:Mechanism)-[p:PRESUPPOSES]->(x:Tenet)-[c:CONTRADICTS]-(tn:Tenet)<-[h:HOLDS]-(b)
  WHERE NOT (b)-[:HOLDS]->(x)
  RETURN collect({
    kind: 'PRESUPPOSITION_CONTRADICTS_TENET', reason: c.reason,
    mechanism: m {.id, .name, __label: 'Mechanism', __partial: true}, tenet: tn {.id, .name, __label: 'Tenet', __partial: true}, presupposedTenet: x {.id, .name, __label: 'Tenet', __partial: true},
    steps: [
      {from: t {.id, .name, __label: 'Technique', __partial: true}, type: 'ACTS_THROUGH', to: m {.id, .name, __label: 'Mechanism', __partial: true}, sources: a.sources, evidence: a.evidence},
      {from: m {.id, .name, __label: 'Mechanism', __partial: true}, type: 'PRESUPPOSES', to: x {.id, .name, __label: 'Tenet', __partial: true}, sources: p.sources, evidence: p.evidence},
      {from: x {.id, .name, __label: 'Tenet', __partial: true}, type: 'CONTRADICTS', to: tn {.id, .name, __label: 'Tenet', __partial: true}, sources: c.sources, evidence: c.evidence},
      {from: b {.id, .name, __label: 'Model', __partial: true}, type: 'HOLDS', to: tn {.id, .name, __label: 'Tenet', __partial: true}, sources: h.sources, evidence: h.evidence}
    ]
  }) AS presupposition
}
CALL (t, b) {
  // Stance: the technique's directiveness or structure is one a STANCE tenet of the base rules out. The first step
  // is derived by rule from the technique's attribute and the tenet's excludes* lists, cited to the tenet.
  MATCH (b)-[h:HOLDS]->(tn:Tenet {kind: 'STANCE'})
  WHERE t.directiveness IN coalesce(tn.excludesDirectiveness, []) OR t.structure IN coalesce(tn.excludesStructure, [])
  RETURN collect({
    kind: 'STANCE_CONTRADICTS_TENET', reason: tn.stanceReason,
    mechanism: null, tenet: tn {.id, .name, __label: 'Tenet', __partial: true}, presupposedTenet: null,
    attributes: [x IN [['directiveness', t.directiveness, tn.excludesDirectiveness], ['structure', t.structure, tn.excludesStructure]] WHERE x[1] IN coalesce(x[2], []) | x[0] + ' ' + x[1]],
    steps: [
      {from: t {.id, .name, __label: 'Technique', __partial: true}, type: 'CLASHES_WITH_STANCE', to: tn {.id, .name, __label: 'Tenet', __partial: true}, sources: tn.sources, evidence: tn.evidence},
      {from: b {.id, .name, __label: 'Model', __partial: true}, type: 'HOLDS', to: tn {.id, .name, __label: 'Tenet', __partial: true}, sources: h.sources, evidence: h.evidence}
    ]
  }) AS stance
}
OPTIONAL MATCH (t)-[r:ASSIMILATES_INTO]->(b)
WITH t, b, r, direct, presupposition, stance
WHERE NOT $onlyCompatible OR (size(direct) = 0 AND (size(presupposition) + size(stance) = 0 OR r IS NOT NULL))
RETURN
  t {.id, .name, .evidence, .sources, __label: 'Technique', __partial: true} AS technique,
  b {.id, .name, __label: 'Model', __partial: true} AS baseModel,
  EXISTS { (b)-[:USES]->(t) } AS native,
  direct,
  presupposition,
  stance,
  CASE WHEN r IS NULL THEN null ELSE {reframing: r.reframing, sources: r.sources, evidence: r.evidence} END AS assimilation
ORDER BY t.id
