// One-link-short triads missing the entrepreneur role: an enterprise with a scientist role and
// a capital role (as in complete_triads) but no Entrepreneur who founded or leads it.
// One row per enterprise, scientist and capital provider.
// Returns: enterprise, enterprise_name, scientist, scientist_name, investor, investor_name
// Parameters: none
MATCH (s:Scientist|Institute)-[:FOUNDED|AFFILIATED_WITH|TRANSFERRED_TECH|COOPERATES_WITH]-(e:Enterprise)
MATCH (c:Investor|Fund|Bank)-[:INVESTED_IN|LENT_TO]->(e)
WHERE s.id <> c.id
  AND NOT EXISTS { MATCH (f:Entrepreneur)-[:FOUNDED|LEADS]->(e) }
RETURN DISTINCT e.id AS enterprise, e.name AS enterprise_name, s.id AS scientist,
       s.name AS scientist_name, c.id AS investor, c.name AS investor_name
ORDER BY enterprise, scientist, investor
