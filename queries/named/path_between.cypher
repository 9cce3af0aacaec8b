// Paths of two steps between two actors (查关系): the actors that link them, with the relation
// types of both steps (either direction). One row per pair of claims.
// Returns: via, via_name, first_relation, second_relation
// Parameters: a (actor id), b (actor id)
MATCH (x:Actor)-[r1]-(m:Actor)-[r2]-(y:Actor)
WHERE x.id = $a AND y.id = $b
RETURN m.id AS via, m.name AS via_name, type(r1) AS first_relation, type(r2) AS second_relation
ORDER BY via, first_relation, second_relation
