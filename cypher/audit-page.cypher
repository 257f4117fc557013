// The audit log, newest first, one page after a cursor (the seq of the last entry seen); backed by audit_seq.
MATCH (a:AuditEntry)
WHERE $after IS NULL OR a.seq < $after
RETURN a {.*} AS entry
ORDER BY a.seq DESC
LIMIT $limit
