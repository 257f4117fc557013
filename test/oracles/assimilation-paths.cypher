// assimilationCheck / assimilableTechniques: for each candidate technique, every path by which it would
// contradict the base model's tenets (through a mechanism, a presupposition or the therapist's stance), and the curated re-reading (ASSIMILATES_INTO) where one exists.
// Candidates: the techniques in $techniqueIds, or (when null) every technique the base does not already use
// (every technique at all when $includeNative). With $onlyCompatible, techniques with an unresolved conflict are
// dropped here rather than shipped. Nodes are projected to id and name (__partial: GraphQL completes the rest).
// What depends on the base alone (the mechanisms against its tenets, its stances, techniques used, re-readings) is read
// once, before the techniques: read per technique, it was most of the work on a large graph (issue 13).
MATCH (b:Model {id: $baseModelId})
CALL (b) {
  OPTIONAL MATCH (b)-[h:HOLDS]->(tn:Tenet)
  RETURN collect({tenet: tn, holds: h}) AS held
}
CALL (b) {
  // Mechanisms that contradict a tenet the base holds.
  OPTIONAL MATCH (b)-[h:HOLDS]->(tn:Tenet)<-[c:CONTRADICTS]-(m:Mechanism)
  RETURN collect({mechanism: m, contradicts: c, tenet: tn, holds: h}) AS against
}
CALL (b) {
  // Mechanisms that presuppose a tenet the base does not hold and that contradicts one it holds.
  OPTIONAL MATCH (b)-[h:HOLDS]->(tn:Tenet)-[c:CONTRADICTS]-(x:Tenet)<-[p:PRESUPPOSES]-(m:Mechanism)
  WHERE NOT (b)-[:HOLDS]->(x)
  RETURN collect({mechanism: m, presupposes: p, presupposed: x, contradicts: c, tenet: tn, holds: h}) AS clashes
}
CALL (b) {
  OPTIONAL MATCH (b)-[:USES]->(u:Technique)
  RETURN collect(u.id) AS usedIds
}
CALL (b) {
  OPTIONAL MATCH (s:Technique)-[r:ASSIMILATES_INTO]->(b)
  RETURN collect({id: s.id, assimilates: r}) AS rereadings
}
WITH b, against, clashes, usedIds, rereadings,
  [k IN against | k.mechanism] AS againstMechanisms,
  [k IN clashes | k.mechanism] AS clashingMechanisms,
  [k IN held WHERE k.tenet.kind = 'STANCE' | {
    tenet: {id: k.tenet.id, name: k.tenet.name, __label: 'Tenet', __partial: true}, reason: k.tenet.stanceReason,
    sources: k.tenet.sources, evidence: k.tenet.evidence, holds: k.holds,
    excludesDirectiveness: coalesce(k.tenet.excludesDirectiveness, []), excludesStructure: coalesce(k.tenet.excludesStructure, [])
  }] AS stances
MATCH (t:Technique)
WHERE ($techniqueIds IS NULL AND ($includeNative OR NOT t.id IN usedIds)) OR t.id IN coalesce($techniqueIds, [])
CALL (t, b, against, againstMechanisms) {
  // Direct: technique -ACTS_THROUGH-> mechanism -CONTRADICTS-> tenet <-HOLDS- base
  MATCH (t)-[a:ACTS_THROUGH]->(m:Mechanism)
  WHERE m IN againstMechanisms
  UNWIND [k IN against WHERE k.mechanism = m] AS k
  WITH t, b, a, m, k.contradicts AS c, k.tenet AS tn, k.holds AS h
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
CALL (t, b, clashes, clashingMechanisms) {
  // Presupposition: technique -ACTS_THROUGH-> mechanism -PRESUPPOSES-> tenet -CONTRADICTS- tenet <-HOLDS- base
  MATCH (t)-[a:ACTS_THROUGH]->(m:Mechanism)
  WHERE m IN clashingMechanisms
  UNWIND [k IN clashes WHERE k.mechanism = m] AS k
  WITH t, b, a, m, k.presupposes AS p, k.presupposed AS x, k.tenet AS tn, k.contradicts AS c, k.holds AS h
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
// Stance: the technique's directiveness or structure is one a STANCE tenet of the base rules out. The first step
// is derived by rule from the technique's attribute and the tenet's excludes* lists, cited to the tenet.
WITH t, b, usedIds, rereadings, direct, presupposition,
  [k IN stances WHERE t.directiveness IN k.excludesDirectiveness OR t.structure IN k.excludesStructure | {
    kind: 'STANCE_CONTRADICTS_TENET', reason: k.reason,
    mechanism: null, tenet: k.tenet, presupposedTenet: null,
    attributes: [x IN [['directiveness', t.directiveness, k.excludesDirectiveness], ['structure', t.structure, k.excludesStructure]] WHERE x[1] IN x[2] | x[0] + ' ' + x[1]],
    steps: [
      {from: t {.id, .name, __label: 'Technique', __partial: true}, type: 'CLASHES_WITH_STANCE', to: k.tenet, sources: k.sources, evidence: k.evidence},
      {from: b {.id, .name, __label: 'Model', __partial: true}, type: 'HOLDS', to: k.tenet, sources: k.holds.sources, evidence: k.holds.evidence}
    ]
  }] AS stance,
  [k IN rereadings WHERE k.id = t.id | k.assimilates][0] AS r
WHERE NOT $onlyCompatible OR (size(direct) = 0 AND (size(presupposition) + size(stance) = 0 OR r IS NOT NULL))
RETURN
  t {.id, .name, .evidence, .sources, __label: 'Technique', __partial: true} AS technique,
  b {.id, .name, __label: 'Model', __partial: true} AS baseModel,
  t.id IN usedIds AS native,
  direct,
  presupposition,
  stance,
  CASE WHEN r IS NULL THEN null ELSE {reframing: r.reframing, sources: r.sources, evidence: r.evidence} END AS assimilation
ORDER BY t.id
