// Removes seeded mappings the files no longer hold, then external terms no mapping points to any more.
CALL {
  MATCH (s:Entity)-[r:MAPS_TO]->(t:ExternalTerm)
  WHERE r.seeded AND NOT (s.id + '|' + t.id) IN $keys
  DELETE r
  RETURN count(r) AS mappings
}
CALL {
  MATCH (t:ExternalTerm)
  WHERE NOT (t)<-[:MAPS_TO]-()
  DELETE t
  RETURN count(t) AS terms
}
RETURN mappings, terms
