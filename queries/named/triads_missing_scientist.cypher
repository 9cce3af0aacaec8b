// One-link-short triads missing the scientist role: an enterprise with an entrepreneur role and
// a capital role (as in complete_triads) but no Scientist or Institute tied to it.
// One row per enterprise, entrepreneur and capital provider.
// Returns: enterprise_id, enterprise, entrepreneur_id, entrepreneur, capital_id, capital
// Parameters: none
MATCH (f:Entrepreneur)-[:FOUNDED|LEADS]->(e:Enterprise)
MATCH (c:Investor|Fund|Bank)-[:INVESTED_IN|LENT_TO]->(e)
WHERE f.id <> c.id
  AND NOT EXISTS {
    MATCH (s:Scientist|Institute)-[:FOUNDED|AFFILIATED_WITH|TRANSFERRED_TECH|COOPERATES_WITH]-(e)
  }
RETURN DISTINCT e.id AS enterprise_id, e.name AS enterprise, f.id AS entrepreneur_id,
       f.name AS entrepreneur, c.id AS capital_id, c.name AS capital
ORDER BY enterprise_id, entrepreneur_id, capital_id
