// One-link-short triads missing the capital role: an enterprise with a scientist role and an
// entrepreneur role (as in complete_triads) but no Investor, Fund or Bank that invested in or
// lent to it. One row per enterprise, scientist and entrepreneur.
// Returns: enterprise, enterprise_name, scientist, scientist_name, entrepreneur,
//          entrepreneur_name
// Parameters: none
MATCH (s:Scientist|Institute)-[:FOUNDED|AFFILIATED_WITH|TRANSFERRED_TECH|COOPERATES_WITH]-(e:Enterprise)
MATCH (f:Entrepreneur)-[:FOUNDED|LEADS]->(e)
WHERE s.id <> f.id
  AND NOT EXISTS { MATCH (c:Investor|Fund|Bank)-[:INVESTED_IN|LENT_TO]->(e) }
RETURN DISTINCT e.id AS enterprise, e.name AS enterprise_name, s.id AS scientist,
       s.name AS scientist_name, f.id AS entrepreneur, f.name AS entrepreneur_name
ORDER BY enterprise, scientist, entrepreneur
