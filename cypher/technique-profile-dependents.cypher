// The read cache's incremental refresh of technique profiles (src/db/profiles.ts): the techniques whose profile
// (technique-profiles) can read any of the nodes $ids: a technique itself, a technique one hop from the node along
// a relationship the profile follows, or two hops from it through a process of change (EMPLOYS, SERVES) or a
// clinical target (ADDRESSES, FOCUS_IN). Ids that name no node (deleted ones) match nothing: the caller also
// refetches every cached profile that mentions them.
MATCH (n:Entity)
WHERE n.id IN $ids
CALL (n) {
  WITH n
  WHERE n:Technique
  RETURN n AS t
  UNION
  MATCH (t:Technique)-[:ACTS_THROUGH|HAS_CONTRAINDICATION|EMPLOYS|IN_PHASE|TARGETS|ADDRESSES|REQUIRES|SHOULD_FOLLOW]->(n)
  RETURN t
  UNION
  MATCH (t:Technique)-[:EMPLOYS]->(:ProcessOfChange)-[:SERVES]->(n)
  RETURN t
  UNION
  MATCH (t:Technique)-[:ADDRESSES]->(:Target)-[:FOCUS_IN]->(n)
  RETURN t
}
RETURN collect(DISTINCT t.id) AS ids
