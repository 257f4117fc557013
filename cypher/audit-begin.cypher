// Curation: the first statement of every write. Moving the data version first takes the Meta node's write lock,
// so curation writes run one at a time and a version read after this cannot change before the commit.
// The new data version is the write's audit sequence number.
MERGE (m:Meta {id: 'ipkg'})
SET m.dataVersion = coalesce(m.dataVersion, 0) + 1
RETURN m.dataVersion AS seq
