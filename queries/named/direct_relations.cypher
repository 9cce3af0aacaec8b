// Direct relations between two actors (查关系, one step): every claim linking them, either way.
// Returns: source_id, relation, target_id, claim_id, source_doc
//          (source_id and target_id in the claim's own direction)
// Parameters: a (actor id), b (actor id)
MATCH (x:Actor)-[r]->(y:Actor)
WHERE (x.id = $a AND y.id = $b) OR (x.id = $b AND y.id = $a)
RETURN x.id AS source_id, type(r) AS relation, y.id AS target_id, r.id AS claim_id,
       r.source_doc AS source_doc
ORDER BY claim_id
