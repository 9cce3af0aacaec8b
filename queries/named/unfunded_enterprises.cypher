// Under-connected enterprises: enterprises that no Investor, Fund or Bank invested in or lent to.
// Returns: node, name
// Parameters: none
MATCH (e:Enterprise)
WHERE NOT EXISTS { MATCH (c:Investor|Fund|Bank)-[:INVESTED_IN|LENT_TO]->(e) }
RETURN e.id AS node, e.name AS name
ORDER BY node
