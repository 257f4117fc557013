// Curation: the audit entry of a write, in the same transaction as the write itself.
// Not an :Entity, so graph counts, search and exports never see it.
CREATE (a:AuditEntry {seq: $seq, at: datetime().epochMillis, actor: $actor, action: $action, target: $target, kind: $kind, sources: $sources, changes: $changes})
RETURN a {.*} AS entry
