// Batch: the crosswalk mappings of each entity (Technique.mappings, Mechanism.mappings), best first.
UNWIND $ids AS id
MATCH (:Entity {id: id})-[r:MAPS_TO]->(t:ExternalTerm)
RETURN id, r.predicate AS predicate, t.id AS objectId, t.iri AS objectIri, t.label AS objectLabel,
  t.ontology AS objectOntology, r.confidence AS confidence, r.justification AS justification, r.comment AS comment,
  r.mappingSet AS mappingSet, r.sources AS sources, r.evidence AS evidence
ORDER BY id, confidence DESC, objectId
