// Curation: replaces a relationship's citation and properties (nulls remove) and moves its version on.
MATCH (:Entity {id: $from})-[r:$($type)]->(:Entity {id: $to})
WHERE coalesce(r.version, 0) = $version
WITH r, coalesce(r.version, 0) + 1 AS version
SET r += $props, r.version = version
RETURN properties(r) AS props
