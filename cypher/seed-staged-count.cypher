// Nodes staged by seed loads that have not flipped yet (a crashed load leaves some; the next load clears them).
MATCH (n:SeedStaged)
RETURN count(n) AS staged
