// Stages new seed nodes under a run id, in batches of their own transactions. A staged node carries only the
// :SeedStaged label, and every query matches :Entity (or a kind label), so readers cannot see it until
// seed-flip gives it its labels in the load's final transaction.
UNWIND $rows AS row
CREATE (n:SeedStaged)
SET n = row.props, n.seedHash = row.hash, n.version = 1, n.seedLabel = row.label, n.seedRun = $run
RETURN count(n) AS staged
