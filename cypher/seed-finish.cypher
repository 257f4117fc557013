// Records the seed run; the data version moves only when something changed (read caches key on it).
MERGE (m:Meta {id: 'ipkg'})
SET m.seededAt = datetime().epochMillis, m.seedFiles = $files
SET m.dataVersion = coalesce(m.dataVersion, 0) + CASE WHEN $changed > 0 THEN 1 ELSE 0 END
RETURN m.dataVersion AS dataVersion
