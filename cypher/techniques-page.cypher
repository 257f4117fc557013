// One page of techniques after a cursor, with the TechniqueFilter applied; ordered by id.
MATCH (n:Technique)
WHERE ($after IS NULL OR n.id > $after)
  AND ($model IS NULL OR EXISTS { (n)<-[:USES]-(:Model {id: $model}) })
  AND ($modality IS NULL OR EXISTS { (n)-[:TARGETS]->(:Modality {id: $modality}) })
  AND ($mechanism IS NULL OR EXISTS { (n)-[:ACTS_THROUGH]->(:Mechanism {id: $mechanism}) })
  AND ($phase IS NULL OR EXISTS { (n)-[:IN_PHASE]->(:Phase {id: $phase}) })
  AND ($evidence IS NULL OR n.evidence IN $evidence)
  AND ($format IS NULL OR $format IN n.formats)
RETURN n {.*, __label: 'Technique'} AS node
ORDER BY n.id
LIMIT $limit
