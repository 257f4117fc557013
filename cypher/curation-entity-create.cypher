// Curation: a new entity with its label; the entity_id constraint rejects a duplicate id even under a race.
CREATE (n:Entity)
SET n = $props, n.version = 1
SET n:$($label)
RETURN n {.*, __label: $label} AS node
