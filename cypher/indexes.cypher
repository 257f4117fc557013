// Full-text search over names, aliases and descriptions of every entity (cypher/search, cypher/suggest). The
// standard-folding analyzer lower-cases and folds accents (Öst = Ost); queries name the field they look in.
// The earlier index (entity_text, no folding) is dropped, so an existing database moves to this one on start.
DROP INDEX entity_text IF EXISTS;
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.aliasText, n.description] OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}};
// Staged seed nodes (src/seed/load.ts) are found by id while their relationships are staged.
CREATE INDEX seed_staged_id IF NOT EXISTS FOR (n:SeedStaged) ON (n.id);
