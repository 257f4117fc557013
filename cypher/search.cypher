// search: full-text hits over names, aliases and descriptions (index entity_text), optionally only some labels.
// $query is already escaped Lucene syntax (src/research/lucene.ts); user text is never spliced into Cypher.
CALL db.index.fulltext.queryNodes('entity_text', $query) YIELD node, score
WITH node, score, [l IN labels(node) WHERE l <> 'Entity'][0] AS label
WHERE $labels IS NULL OR label IN $labels
RETURN node {.*, __label: label} AS node, score
ORDER BY score DESC, node.id
LIMIT $limit
