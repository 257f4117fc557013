// Curation: a relationship between two existing entities. MERGE, so an implied relationship that is already
// there (a USES declared on its own) is kept as it is.
MATCH (a:Entity {id: $from})
MATCH (b:Entity {id: $to})
MERGE (a)-[r:$($type)]->(b)
ON CREATE SET r = $props, r.version = 1
RETURN properties(r) AS props
