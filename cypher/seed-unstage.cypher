// Removes staged nodes (and their relationships) a batch at a time: what a failed load staged, or what a load
// that crashed left behind ($run null: every run).
MATCH (n:SeedStaged)
WHERE $run IS NULL OR n.seedRun = $run
WITH n LIMIT 5000
DETACH DELETE n
RETURN count(*) AS removed
