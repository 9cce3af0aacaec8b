// Direct relations between two actors (查关系, one step): every claim linking them, either way.
// Returns: source, relation, target, claim, source_doc
//          (source and target: actor ids in the claim's own direction; claim: the claim id)
// Parameters: a (actor id), b (actor id)
// (The two actors are found first, by id, and only their claims are read: the same rows as
// filtering every claim of the graph, which took 6 s of CPU at a million actors.)
MATCH (x:Actor), (y:Actor)
WHERE x.id IN [$a, $b] AND y.id IN [$a, $b]
MATCH (x)-[r]->(y)
WHERE (x.id = $a AND y.id = $b) OR (x.id = $b AND y.id = $a)
RETURN x.id AS source, type(r) AS relation, y.id AS target, r.id AS claim,
       r.source_doc AS source_doc
ORDER BY claim
