// suggest: completions for a search box from the full-text index entity_search (names and aliases only), with
// just what a list of completions needs. $query is built from escaped words (src/research/lucene.ts); the order
// comes from src/research/rank.ts. Ties in the index's score prefer short names.
CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node, score
WITH node, score, [l IN labels(node) WHERE l <> 'Entity'][0] AS label
WHERE $labels IS NULL OR label IN $labels
WITH node, score, label
ORDER BY score DESC, size(node.name), node.id
LIMIT $limit
RETURN node.id AS id, node.name AS name, node.aliases AS aliases, label, score
