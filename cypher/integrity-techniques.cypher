// Integrity: techniques without a modality, without a mechanism, or with neither a phase nor a note saying why.
MATCH (t:Technique)
WHERE NOT (t)-[:TARGETS]->(:Modality)
   OR NOT (t)-[:ACTS_THROUGH]->(:Mechanism)
   OR (NOT (t)-[:IN_PHASE]->(:Phase) AND t.phaseNote IS NULL)
RETURN collect(t.id) AS broken
