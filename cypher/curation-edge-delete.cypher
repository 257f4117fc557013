// Curation: deletes one relationship; with $onlyImplied, only one that was written as implied (origin: true).
MATCH (:Entity {id: $from})-[r:$($type)]->(:Entity {id: $to})
WHERE ($version IS NULL OR coalesce(r.version, 0) = $version) AND (NOT $onlyImplied OR r.origin = true)
DELETE r
RETURN count(r) AS deleted
