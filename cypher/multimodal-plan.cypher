// multimodalPlan: for each problem (by position in $modalities, with an optional target id in $targets), the
// techniques that target its modality or address its target, whether Multimodal Therapy itself uses each, how many
// modalities each targets (fewer = more specific), the targets each addresses, and the targets filed under the
// modality (what free-text problems are matched against).
UNWIND range(0, size($modalities) - 1) AS index
MATCH (mo:Modality {id: $modalities[index]})
CALL (mo, index) {
  MATCH (t:Technique)
  WHERE (t)-[:TARGETS]->(mo) OR ($targets[index] IS NOT NULL AND (t)-[:ADDRESSES]->(:Target {id: $targets[index]}))
  OPTIONAL MATCH (t)-[r:TARGETS]->(mo)
  RETURN collect({
    technique: t {.id, .name, .evidence, __label: 'Technique', __partial: true},
    targetsModality: r IS NOT NULL, sources: coalesce(r.sources, []), evidence: coalesce(r.evidence, 'EXPERT_OPINION'),
    multimodal: EXISTS { (:Model {id: 'multimodal-therapy'})-[:USES]->(t) },
    modalityCount: COUNT { (t)-[:TARGETS]->(:Modality) },
    addresses: [(t)-[a:ADDRESSES]->(g:Target) | {target: g {.id, .name, __label: 'Target', __partial: true}, sources: a.sources, evidence: a.evidence}]
  }) AS techniques
}
RETURN index, mo {.id, .name, __label: 'Modality', __partial: true} AS modality, techniques,
  [(g:Target)-[:IN_MODALITY]->(mo) | g {.id, .name, .aliases, __label: 'Target', __partial: true}] AS modalityTargets
ORDER BY index
