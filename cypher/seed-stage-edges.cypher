// Stages seed relationships that have at least one staged (new) end; the other end may be an existing entity.
// Queries reach neighbours only through labelled patterns, so such a relationship stays out of sight until its
// staged end is flipped.
UNWIND $rows AS row
CALL (row) {
  MATCH (a:SeedStaged {id: row.from}) WHERE a.seedRun = $run RETURN a
  UNION
  MATCH (a:Entity {id: row.from}) RETURN a
}
CALL (row) {
  MATCH (b:SeedStaged {id: row.to}) WHERE b.seedRun = $run RETURN b
  UNION
  MATCH (b:Entity {id: row.to}) RETURN b
}
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props, r.seedHash = row.hash, r.version = 1
RETURN count(r) AS staged
