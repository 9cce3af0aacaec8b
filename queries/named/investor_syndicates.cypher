// Investor syndicates: pairs of Investors or Funds that invested in the same Enterprise, one row
// per pair and shared venture (count rows per pair to weight the co-investment tie).
// Returns: source, source_name, target, target_name, venture, venture_name
//          (source, target: the two investors, source id < target id)
// Parameters: none
MATCH (a:Investor|Fund)-[:INVESTED_IN]->(e:Enterprise)<-[:INVESTED_IN]-(b:Investor|Fund)
WHERE a.id < b.id
RETURN DISTINCT a.id AS source, a.name AS source_name, b.id AS target,
       b.name AS target_name, e.id AS venture, e.name AS venture_name
ORDER BY source, target, venture
