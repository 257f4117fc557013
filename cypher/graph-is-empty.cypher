MATCH (n:Entity) RETURN count(n) = 0 AS empty
