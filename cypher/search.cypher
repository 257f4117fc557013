// search: the candidates for a search, from the full-text index entity_search, optionally only some labels.
// $query is Lucene syntax built from escaped words (src/research/lucene.ts); user text is never spliced into
// Cypher. The final order, matched field and snippet come from src/research/rank.ts; ties in the index's score
// prefer short names, so exact names are among the $limit candidates kept. Only those are projected.
CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node, score
WITH node, score, [l IN labels(node) WHERE l <> 'Entity'][0] AS label
WHERE $labels IS NULL OR label IN $labels
WITH node, score, label
ORDER BY score DESC, size(node.name), node.id
LIMIT $limit
RETURN node {.*, __label: label} AS node, score
