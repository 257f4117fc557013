// Nodes per label and relationships per type, for `ipkg check --db` and the integrity tests.
MATCH (n:Entity)
WITH [l IN labels(n) WHERE l <> 'Entity'][0] AS name, count(*) AS count
RETURN 'node' AS kind, name, count
UNION ALL
MATCH (:Entity)-[r]->(:Entity)
RETURN 'edge' AS kind, type(r) AS name, count(*) AS count
