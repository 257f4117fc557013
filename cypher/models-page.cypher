// One page of models after a cursor, with the ModelFilter applied; ordered by id (index-backed keyset paging).
MATCH (n:Model)
WHERE ($after IS NULL OR n.id > $after)
  AND ($kind IS NULL OR n.kind = $kind)
  AND ($orientation IS NULL OR n.orientation = $orientation)
  AND ($strategy IS NULL OR EXISTS { (n)-[:EXEMPLIFIES]->(:IntegrationStrategy {id: $strategy}) })
  AND ($evidence IS NULL OR n.evidence IN $evidence)
RETURN n {.*, __label: 'Model'} AS node
ORDER BY n.id
LIMIT $limit
