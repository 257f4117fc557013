// totalCount of techniques under the TechniqueFilter (same conditions as techniques-page, without the cursor).
MATCH (n:Technique)
WHERE ($model IS NULL OR EXISTS { (n)<-[:USES]-(:Model {id: $model}) })
  AND ($modality IS NULL OR EXISTS { (n)-[:TARGETS]->(:Modality {id: $modality}) })
  AND ($mechanism IS NULL OR EXISTS { (n)-[:ACTS_THROUGH]->(:Mechanism {id: $mechanism}) })
  AND ($phase IS NULL OR EXISTS { (n)-[:IN_PHASE]->(:Phase {id: $phase}) })
  AND ($evidence IS NULL OR n.evidence IN $evidence)
  AND ($format IS NULL OR $format IN n.formats)
RETURN count(n) AS total
