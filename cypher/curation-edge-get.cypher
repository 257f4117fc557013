// Curation: one relationship, by its ends and type (no row when absent).
MATCH (:Entity {id: $from})-[r:$($type)]->(:Entity {id: $to})
RETURN properties(r) AS props
