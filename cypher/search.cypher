// search: the candidates for a search, from the full-text index entity_search, optionally only some labels.
// $query is Lucene syntax built from escaped words (src/research/lucene.ts); user text is never spliced into
// Cypher. The final order, matched field and snippet come from src/research/rank.ts; ties in the index's score
// prefer short names, so exact names are among the $limit candidates kept. Only those are projected, with what the
// ranking reads and the citation fields the MCP search shows (a whole node is about twice the bytes: citation
// details, hashes, aliasText); `__partial` lets the GraphQL layer complete any other selected property through the
// nodes loader (src/graphql/projection.ts).
CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node, score
WITH node, score, [l IN labels(node) WHERE l <> 'Entity'][0] AS label
WHERE $labels IS NULL OR label IN $labels
WITH node, score, label
ORDER BY score DESC, size(node.name), node.id
LIMIT $limit
RETURN node {.id, .name, .aliases, .description, .evidence, .sources, __label: label, __partial: true} AS node, score
