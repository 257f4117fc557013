// Integrity: tenets per school, and contradictions between tenets held by different models.
CALL {
  MATCH (m:Model {kind: 'SCHOOL'})
  RETURN collect({model: m.id, tenets: COUNT { (m)-[:HOLDS]->(:Tenet) }}) AS schools
}
CALL {
  MATCH (m1:Model)-[:HOLDS]->(t1:Tenet)-[:CONTRADICTS]-(t2:Tenet)<-[:HOLDS]-(m2:Model)
  WHERE m1 <> m2 AND NOT (m1)-[:HOLDS]->(t2)
  RETURN count(DISTINCT [t1.id, t2.id]) AS crossSchoolContradictions
}
RETURN schools, crossSchoolContradictions
