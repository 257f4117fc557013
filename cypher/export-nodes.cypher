// Exports: every entity with its label and properties (the loader's bookkeeping properties are dropped later).
MATCH (n:Entity)
RETURN [l IN labels(n) WHERE l <> 'Entity'][0] AS label, properties(n) AS props
ORDER BY n.id
