// Ready means: the id constraints and the full-text index exist and are online.
SHOW INDEXES YIELD name, state
WHERE name IN ['entity_id', 'technique_id', 'model_id', 'entity_search']
RETURN count(*) = 4 AND all(s IN collect(state) WHERE s = 'ONLINE') AS ready
