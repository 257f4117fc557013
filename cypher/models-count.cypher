// totalCount of models under the ModelFilter (same conditions as models-page, without the cursor).
MATCH (n:Model)
WHERE ($kind IS NULL OR n.kind = $kind)
  AND ($orientation IS NULL OR n.orientation = $orientation)
  AND ($strategy IS NULL OR EXISTS { (n)-[:EXEMPLIFIES]->(:IntegrationStrategy {id: $strategy}) })
  AND ($evidence IS NULL OR n.evidence IN $evidence)
RETURN count(n) AS total
