// Exports: every crosswalk mapping with the external class it points to (the JSON-LD emits them as SKOS).
MATCH (s:Entity)-[r:MAPS_TO]->(t:ExternalTerm)
RETURN s.id AS subjectId, t.id AS objectId, t.iri AS objectIri, t.label AS objectLabel, t.ontology AS objectOntology,
  properties(r) AS props
ORDER BY subjectId, objectId
