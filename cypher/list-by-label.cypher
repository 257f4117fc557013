// All entities with one label, in their natural order (ordered vocabularies first by `order`, then by id).
MATCH (n:$($label))
RETURN n {.*, __label: $label} AS node
ORDER BY n.order, n.id
