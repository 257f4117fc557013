// Curation: deletes an entity with its relationships; reports how many relationships went with it.
MATCH (n:Entity {id: $id})
WHERE coalesce(n.version, 0) = $version
OPTIONAL MATCH (n)-[r]-()
WITH n, count(r) AS relationships
DETACH DELETE n
RETURN relationships
