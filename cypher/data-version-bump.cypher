// Moves the data version, inside the writing transaction, so every service instance's read cache sees that
// the data changed on its next request. Db.write/writeTx run it after any write that does not set the version
// itself (src/db/run.ts).
MERGE (m:Meta {id: 'ipkg'})
SET m.dataVersion = coalesce(m.dataVersion, 0) + 1
RETURN m.dataVersion AS dataVersion
