// One-link-short triads missing the capital role: an enterprise with a scientist role and an
// entrepreneur role (as in complete_triads) but no Investor, Fund or Bank that invested in or
// lent to it. One row per enterprise, scientist and entrepreneur.
// Returns: enterprise_id, enterprise, scientist_id, scientist, entrepreneur_id, entrepreneur
// Parameters: none
MATCH (s:Scientist|Institute)-[:FOUNDED|AFFILIATED_WITH|TRANSFERRED_TECH|COOPERATES_WITH]-(e:Enterprise)
MATCH (f:Entrepreneur)-[:FOUNDED|LEADS]->(e)
WHERE s.id <> f.id
  AND NOT EXISTS { MATCH (c:Investor|Fund|Bank)-[:INVESTED_IN|LENT_TO]->(e) }
RETURN DISTINCT e.id AS enterprise_id, e.name AS enterprise, s.id AS scientist_id,
       s.name AS scientist, f.id AS entrepreneur_id, f.name AS entrepreneur
ORDER BY enterprise_id, scientist_id, entrepreneur_id
