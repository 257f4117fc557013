// Integrity: a model must not contradict its own techniques. Lists (model, technique) pairs where a technique the
// model uses acts through a mechanism that contradicts, or presupposes a tenet that contradicts, a tenet the model holds.
MATCH (b:Model)-[:USES]->(t:Technique)-[:ACTS_THROUGH]->(m:Mechanism)
WHERE EXISTS { (m)-[:CONTRADICTS]->(:Tenet)<-[:HOLDS]-(b) }
   OR EXISTS {
        MATCH (m)-[:PRESUPPOSES]->(x:Tenet)-[:CONTRADICTS]-(:Tenet)<-[:HOLDS]-(b)
        WHERE NOT (b)-[:HOLDS]->(x)
      }
RETURN collect(DISTINCT b.id + ' uses ' + t.id + ' via ' + m.id) AS conflicts
