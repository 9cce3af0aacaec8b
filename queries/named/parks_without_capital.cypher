// Under-connected parks: Parks with no tie, in either direction, to a Bank, Investor or Fund.
// Returns: node, name
// Parameters: none
MATCH (p:Park)
WHERE NOT EXISTS { MATCH (p)-[]-(c:Bank|Investor|Fund) }
RETURN p.id AS node, p.name AS name
ORDER BY node
