// Brokers by cross-type degree: for each actor, the number of claims (either direction) that
// link it to an actor whose type list differs from its own, highest first.
// Returns: node, name, cross_type_claims
// Parameters: top (int, rows to return)
MATCH (b:Actor)-[r]-(n:Actor)
WHERE b.types <> n.types
RETURN b.id AS node, b.name AS name, COUNT(r) AS cross_type_claims
ORDER BY cross_type_claims DESC, node
LIMIT $top
