// The staged load's final step (inside its last transaction): staged nodes get :Entity and their kind's label,
// and with them become visible, with the relationships staged beside them. A node whose id an entity took
// meanwhile fails the id constraint, and the whole flip with it.
MATCH (n:SeedStaged)
WHERE n.seedRun = $run
SET n:Entity:$(n.seedLabel)
REMOVE n:SeedStaged, n.seedLabel, n.seedRun
RETURN count(n) AS flipped
