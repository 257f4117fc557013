// Every technique's id, in id order: the pages of the technique-profile store's full read (src/questions/profiles.ts).
MATCH (t:Technique)
RETURN t.id AS id
ORDER BY id
