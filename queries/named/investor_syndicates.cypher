// Investor syndicates: pairs of Investors or Funds that invested in the same Enterprise, one row
// per pair and shared venture (count rows per pair to weight the co-investment tie).
// Returns: investor_a_id, investor_a, investor_b_id, investor_b, venture_id, venture
// Parameters: none
MATCH (a:Investor|Fund)-[:INVESTED_IN]->(e:Enterprise)<-[:INVESTED_IN]-(b:Investor|Fund)
WHERE a.id < b.id
RETURN DISTINCT a.id AS investor_a_id, a.name AS investor_a, b.id AS investor_b_id,
       b.name AS investor_b, e.id AS venture_id, e.name AS venture
ORDER BY investor_a_id, investor_b_id, venture_id
