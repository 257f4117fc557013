// The data version every read cache keys on: bumped by each seed run that changes something
// (seed-finish) and by every other write (data-version-bump). Null before the first seed.
OPTIONAL MATCH (m:Meta {id: 'ipkg'})
RETURN m.dataVersion AS dataVersion
