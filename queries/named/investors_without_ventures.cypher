// Under-connected capital: Investors and Funds that invested in no Enterprise.
// Returns: node, name, types
// Parameters: none
MATCH (i:Investor|Fund)
WHERE NOT EXISTS { MATCH (i)-[:INVESTED_IN]->(e:Enterprise) }
RETURN i.id AS node, i.name AS name, i.types AS types
ORDER BY node
