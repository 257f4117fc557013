// neighborhood: one breadth-first level, the entities next to the frontier that were not seen before.
// The resolver runs it once per level, so the depth bound is exact and no path is ever enumerated.
UNWIND $frontier AS id
MATCH (:Entity {id: id})--(m:Entity)
WHERE NOT m.id IN $seen
RETURN DISTINCT m.id AS id
ORDER BY id
