// One-link-short triads missing the entrepreneur role: an enterprise with a scientist role and
// a capital role (as in complete_triads) but no Entrepreneur who founded or leads it.
// One row per enterprise, scientist and capital provider.
// Returns: enterprise_id, enterprise, scientist_id, scientist, capital_id, capital
// Parameters: none
MATCH (s:Scientist|Institute)-[:FOUNDED|AFFILIATED_WITH|TRANSFERRED_TECH|COOPERATES_WITH]-(e:Enterprise)
MATCH (c:Investor|Fund|Bank)-[:INVESTED_IN|LENT_TO]->(e)
WHERE s.id <> c.id
  AND NOT EXISTS { MATCH (f:Entrepreneur)-[:FOUNDED|LEADS]->(e) }
RETURN DISTINCT e.id AS enterprise_id, e.name AS enterprise, s.id AS scientist_id,
       s.name AS scientist, c.id AS capital_id, c.name AS capital
ORDER BY enterprise_id, scientist_id, capital_id
