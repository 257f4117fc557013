// Integrity: a model must not contradict its own techniques. Lists (model, technique) pairs where a technique the
// model uses acts through a mechanism that contradicts, or presupposes a tenet that contradicts, a tenet the model holds,
// or has a directiveness or structure that a STANCE tenet of the model excludes.
CALL () {
  MATCH (b:Model)-[:USES]->(t:Technique)-[:ACTS_THROUGH]->(m:Mechanism)
  WHERE EXISTS { (m)-[:CONTRADICTS]->(:Tenet)<-[:HOLDS]-(b) }
     OR EXISTS {
          MATCH (m)-[:PRESUPPOSES]->(x:Tenet)-[:CONTRADICTS]-(:Tenet)<-[:HOLDS]-(b)
          WHERE NOT (b)-[:HOLDS]->(x)
        }
  RETURN b.id + ' uses ' + t.id + ' via ' + m.id AS conflict
  UNION
  MATCH (b:Model)-[:USES]->(t:Technique), (b)-[:HOLDS]->(tn:Tenet {kind: 'STANCE'})
  WHERE t.directiveness IN coalesce(tn.excludesDirectiveness, []) OR t.structure IN coalesce(tn.excludesStructure, [])
  RETURN b.id + ' uses ' + t.id + ' against its stance ' + tn.id AS conflict
}
RETURN collect(DISTINCT conflict) AS conflicts
