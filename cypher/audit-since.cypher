// Changes: the audit entries after a data version, oldest first (at most $limit), and the current data version.
// One row always; backed by the audit_seq constraint's index.
OPTIONAL MATCH (m:Meta {id: 'ipkg'})
WITH m.dataVersion AS dataVersion
OPTIONAL MATCH (a:AuditEntry)
WHERE a.seq > $since
WITH dataVersion, a
ORDER BY a.seq
LIMIT $limit
RETURN dataVersion, collect(a {.*}) AS entries
