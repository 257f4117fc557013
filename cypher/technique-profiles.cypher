// tailor, validatePlan, planTreatment: each technique (all, or those in $ids) with what the fit and the
// hierarchy rules read: attributes, phases, modalities, contraindications, the processes of change it employs
// and the stages they serve, and its ordering constraints. One row per technique, ordered by id.
MATCH (t:Technique)
WHERE $ids IS NULL OR t.id IN $ids
CALL (t) {
  MATCH (t)-[r:HAS_CONTRAINDICATION]->(c:Contraindication)
  RETURN collect({contraindication: c {.*, __label: 'Contraindication'}, severity: r.severity, reason: r.reason, sources: r.sources, evidence: r.evidence}) AS contraindications
}
CALL (t) {
  MATCH (t)-[e:EMPLOYS]->(p:ProcessOfChange)-[s:SERVES]->(st:StageOfChange)
  RETURN collect({
    process: p {.*, __label: 'ProcessOfChange'}, stage: st {.*, __label: 'StageOfChange'},
    employs: {sources: e.sources, evidence: e.evidence}, serves: {sources: s.sources, evidence: s.evidence}
  }) AS stagePaths
}
CALL (t) {
  MATCH (t)-[r:IN_PHASE]->(ph:Phase)
  RETURN collect({phase: ph {.*, __label: 'Phase'}, sources: r.sources, evidence: r.evidence}) AS phases
}
CALL (t) {
  MATCH (t)-[r:TARGETS]->(mo:Modality)
  RETURN collect({modality: mo {.*, __label: 'Modality'}, sources: r.sources, evidence: r.evidence}) AS modalities
}
CALL (t) {
  MATCH (t)-[r:REQUIRES]->(q:Technique)
  RETURN collect({technique: q {.*, __label: 'Technique'}, reason: r.reason, sources: r.sources, evidence: r.evidence}) AS requires
}
CALL (t) {
  MATCH (t)-[r:SHOULD_FOLLOW]->(q:Technique)
  RETURN collect({technique: q {.*, __label: 'Technique'}, reason: r.reason, sources: r.sources, evidence: r.evidence}) AS follows
}
RETURN t {.*, __label: 'Technique'} AS technique, contraindications, stagePaths, phases, modalities, requires, follows
ORDER BY t.id
