// multimodalPlan: for each problem's modality (by position in $modalities), the techniques that target it,
// whether Multimodal Therapy itself uses each, and how many modalities each targets (fewer = more specific).
UNWIND range(0, size($modalities) - 1) AS index
MATCH (mo:Modality {id: $modalities[index]})
CALL (mo) {
  MATCH (t:Technique)-[r:TARGETS]->(mo)
  RETURN collect({
    technique: t {.id, .name, .evidence, __label: 'Technique', __partial: true}, sources: r.sources, evidence: r.evidence,
    multimodal: EXISTS { (:Model {id: 'multimodal-therapy'})-[:USES]->(t) },
    modalityCount: COUNT { (t)-[:TARGETS]->(:Modality) }
  }) AS techniques
}
RETURN index, mo {.id, .name, __label: 'Modality', __partial: true} AS modality, techniques
ORDER BY index
