// tailor, validatePlan, planTreatment and the assimilation verdicts: each technique (all, or those in $ids) with
// what the fit, the hierarchy and the coherence rules read: attributes, the mechanisms it acts through, phases,
// modalities, contraindications, the processes of change it employs
// and the stages they serve, the clinical targets it addresses (with their risk flags and the stages they are the
// focus of), and its ordering constraints. One row per technique, ordered by id. Nodes are
// projected to what the rules read (__partial: GraphQL completes any other field from the whole node).
MATCH (t:Technique)
WHERE $ids IS NULL OR t.id IN $ids
CALL (t) {
  MATCH (t)-[r:HAS_CONTRAINDICATION]->(c:Contraindication)
  RETURN collect({contraindication: c {.id, .name, .risk, .profileField, .profileValues, __label: 'Contraindication', __partial: true}, severity: r.severity, reason: r.reason, sources: r.sources, evidence: r.evidence}) AS contraindications
}
CALL (t) {
  MATCH (t)-[e:EMPLOYS]->(p:ProcessOfChange)-[s:SERVES]->(st:StageOfChange)
  RETURN collect({
    process: p {.id, .name, .kind, __label: 'ProcessOfChange', __partial: true}, stage: st {.id, .name, .stage, __label: 'StageOfChange', __partial: true},
    employs: {sources: e.sources, evidence: e.evidence}, serves: {sources: s.sources, evidence: s.evidence}
  }) AS stagePaths
}
CALL (t) {
  MATCH (t)-[r:ACTS_THROUGH]->(m:Mechanism)
  RETURN collect({mechanism: m {.id, .name, __label: 'Mechanism', __partial: true}, sources: r.sources, evidence: r.evidence}) AS mechanisms
}
CALL (t) {
  MATCH (t)-[r:IN_PHASE]->(ph:Phase)
  RETURN collect({phase: ph {.id, .name, .order, .sources, .evidence, __label: 'Phase', __partial: true}, sources: r.sources, evidence: r.evidence}) AS phases
}
CALL (t) {
  MATCH (t)-[r:TARGETS]->(mo:Modality)
  RETURN collect({modality: mo {.id, .name, __label: 'Modality', __partial: true}, sources: r.sources, evidence: r.evidence}) AS modalities
}
CALL (t) {
  MATCH (t)-[r:ADDRESSES]->(g:Target)
  RETURN collect({
    target: g {.id, .name, .risks, .profileField, .profileValues, __label: 'Target', __partial: true}, sources: r.sources, evidence: r.evidence,
    focus: [(g)-[f:FOCUS_IN]->(st:StageOfChange) | {stage: st {.id, .name, .stage, __label: 'StageOfChange', __partial: true}, sources: f.sources, evidence: f.evidence}]
  }) AS addresses
}
CALL (t) {
  MATCH (t)-[r:REQUIRES]->(q:Technique)
  RETURN collect({technique: q {.id, .name, __label: 'Technique', __partial: true}, reason: r.reason, sources: r.sources, evidence: r.evidence}) AS requires
}
CALL (t) {
  MATCH (t)-[r:SHOULD_FOLLOW]->(q:Technique)
  RETURN collect({technique: q {.id, .name, __label: 'Technique', __partial: true}, reason: r.reason, sources: r.sources, evidence: r.evidence}) AS follows
}
RETURN t {.id, .name, .evidence, .sources, .directiveness, .structure, .intensity, .focus, .formats, __label: 'Technique', __partial: true} AS technique, mechanisms, contraindications, stagePaths, phases, modalities, addresses, requires, follows
ORDER BY t.id
