// Upserts crosswalk mappings (seed/mappings/*.sssom.tsv): one (:ExternalTerm) per external ontology class, one
// MAPS_TO relationship per mapping row. ExternalTerm is not an :Entity, so entity queries and exports never see it.
// A row whose content hash is unchanged is not counted, so a second load changes nothing.
UNWIND $rows AS row
MATCH (s:Entity {id: row.subject})
MERGE (t:ExternalTerm {id: row.term.id})
SET t.iri = row.term.iri, t.label = row.term.label, t.ontology = row.term.ontology
MERGE (s)-[r:MAPS_TO]->(t)
WITH r, row
WHERE r.seedHash IS NULL OR r.seedHash <> row.hash
SET r = row.props, r.seedHash = row.hash
RETURN count(r) AS changed
