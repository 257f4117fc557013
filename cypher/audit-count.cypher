// How many audit entries exist (the fuzz test checks that unauthenticated traffic wrote none).
MATCH (a:AuditEntry)
RETURN count(a) AS entries
