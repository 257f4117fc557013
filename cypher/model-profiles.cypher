// modelOverlap / overlapMatrix: each model (those in $ids, or all) with the ids of its items per dimension.
// Mechanisms and modalities are reached through the techniques the model uses.
MATCH (m:Model)
WHERE $ids IS NULL OR m.id IN $ids
RETURN
  m {.*, __label: 'Model'} AS model,
  COLLECT { MATCH (m)-[:USES]->(t:Technique) RETURN DISTINCT t.id } AS techniques,
  COLLECT { MATCH (m)-[:USES]->(:Technique)-[:ACTS_THROUGH]->(x:Mechanism) RETURN DISTINCT x.id } AS mechanisms,
  COLLECT { MATCH (m)-[:USES]->(:Technique)-[:TARGETS]->(x:Modality) RETURN DISTINCT x.id } AS modalities,
  COLLECT { MATCH (m)-[:HOLDS]->(x:Tenet) RETURN DISTINCT x.id } AS tenets,
  COLLECT { MATCH (m)-[:CULTIVATES]->(x:CommonFactor) RETURN DISTINCT x.id } AS commonFactors
ORDER BY m.id
