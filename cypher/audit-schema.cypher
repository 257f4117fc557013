// One audit entry per write: the seq is the data version the write produced (applied with constraints.cypher).
CREATE CONSTRAINT audit_seq IF NOT EXISTS FOR (a:AuditEntry) REQUIRE a.seq IS UNIQUE;
