// Batch: the label of each id (null when unknown), so reasoning queries can name an unknown id precisely.
UNWIND $ids AS id
OPTIONAL MATCH (n:Entity {id: id})
RETURN id, [l IN labels(n) WHERE l <> 'Entity'][0] AS label
