// modelOverlap: tenets of $a that contradict tenets of $b. CONTRADICTS between tenets is stored once, in either
// direction, so the pattern is undirected; `fromA` keeps the stored direction for the path.
MATCH (a:Model {id: $a})-[ha:HOLDS]->(ta:Tenet)-[c:CONTRADICTS]-(tb:Tenet)<-[hb:HOLDS]-(b:Model {id: $b})
RETURN DISTINCT
  a {.*, __label: 'Model'} AS a,
  b {.*, __label: 'Model'} AS b,
  ta {.*, __label: 'Tenet'} AS tenetOfA,
  tb {.*, __label: 'Tenet'} AS tenetOfB,
  startNode(c) = ta AS fromA,
  {sources: ha.sources, evidence: ha.evidence} AS holdsA,
  {sources: hb.sources, evidence: hb.evidence} AS holdsB,
  {reason: c.reason, sources: c.sources, evidence: c.evidence} AS contradiction
ORDER BY tenetOfA.id, tenetOfB.id
