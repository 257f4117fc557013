// Batch look-ahead (src/graphql/loaders.ts): the neighbours of each entity over one relationship field and, in the
// same statement, the neighbours of those over the relationship fields selected below it, up to three levels, so a
// pure relationship selection costs one query instead of one links-out/links-in per level. Level i of the tree is
// described by the parallel lists $depths[i] (1 to 3; 0 is the root), $parents[i] (the level it hangs from),
// $directions[i], $types[i], $labels[i] (null for any) and $props[i] (the properties projected besides id and name).
// Each row is the neighbours of one (level, parent id), in links-out/links-in's order, each as [id, name, label,
// values of $props[level]]: the loader builds from them the projection links-out gives with withProps false. One
// row per parent, not per neighbour, lists rather than maps, and a node met twice at a depth (a technique used by
// two models) expanded once: fewer, smaller records to encode and decode.
UNWIND $ids AS id
MATCH (n:Entity {id: id}) USING INDEX n:Entity(id)
CALL (n) {
  MATCH (n)-[r]->(m:Entity)
  WHERE $directions[0] = 'OUT' AND type(r) = $types[0] AND ($labels[0] IS NULL OR $labels[0] IN labels(m))
  RETURN r, m
  UNION ALL
  MATCH (n)<-[r]-(m:Entity)
  WHERE $directions[0] = 'IN' AND type(r) = $types[0] AND ($labels[0] IS NULL OR $labels[0] IN labels(m))
  RETURN r, m
}
WITH collect({level: 0, from: n.id, m: m}) AS found1
CALL (found1) {
  UNWIND [i IN range(0, size($depths) - 1) WHERE $depths[i] = 1] AS i
  UNWIND [f IN found1 WHERE f.level = $parents[i] | f.m] AS n
  WITH DISTINCT i, n
  CALL (i, n) {
    MATCH (n)-[r]->(m:Entity)
    WHERE $directions[i] = 'OUT' AND type(r) = $types[i] AND ($labels[i] IS NULL OR $labels[i] IN labels(m))
    RETURN r, m
    UNION ALL
    MATCH (n)<-[r]-(m:Entity)
    WHERE $directions[i] = 'IN' AND type(r) = $types[i] AND ($labels[i] IS NULL OR $labels[i] IN labels(m))
    RETURN r, m
  }
  RETURN collect({level: i, from: n.id, m: m}) AS found2
}
CALL (found2) {
  UNWIND [i IN range(0, size($depths) - 1) WHERE $depths[i] = 2] AS i
  UNWIND [f IN found2 WHERE f.level = $parents[i] | f.m] AS n
  WITH DISTINCT i, n
  CALL (i, n) {
    MATCH (n)-[r]->(m:Entity)
    WHERE $directions[i] = 'OUT' AND type(r) = $types[i] AND ($labels[i] IS NULL OR $labels[i] IN labels(m))
    RETURN r, m
    UNION ALL
    MATCH (n)<-[r]-(m:Entity)
    WHERE $directions[i] = 'IN' AND type(r) = $types[i] AND ($labels[i] IS NULL OR $labels[i] IN labels(m))
    RETURN r, m
  }
  RETURN collect({level: i, from: n.id, m: m}) AS found3
}
UNWIND found1 + found2 + found3 AS f
WITH f.level AS level, f.from AS id, f.m AS m
ORDER BY level, id, m.name, m.id
RETURN level, id,
  collect([m.id, m.name, [l IN labels(m) WHERE l <> 'Entity'][0], [k IN $props[level] | m[k]]]) AS nodes
