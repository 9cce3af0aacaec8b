// One-link-short triads missing the scientist role: an enterprise with an entrepreneur role and
// a capital role (as in complete_triads) but no Scientist or Institute tied to it.
// One row per enterprise, entrepreneur and capital provider.
// Returns: enterprise, enterprise_name, entrepreneur, entrepreneur_name, investor,
//          investor_name
// Parameters: none
// (Each entrepreneur–enterprise pair is kept once, however many claims join them, before the
// capital side is matched: the same rows, about half the work.)
MATCH (f:Entrepreneur)-[:FOUNDED|LEADS]->(e:Enterprise)
WHERE NOT EXISTS {
    MATCH (s:Scientist|Institute)-[:FOUNDED|AFFILIATED_WITH|TRANSFERRED_TECH|COOPERATES_WITH]-(e)
  }
WITH DISTINCT f, e
MATCH (c:Investor|Fund|Bank)-[:INVESTED_IN|LENT_TO]->(e)
WHERE f.id <> c.id
RETURN DISTINCT e.id AS enterprise, e.name AS enterprise_name, f.id AS entrepreneur,
       f.name AS entrepreneur_name, c.id AS investor, c.name AS investor_name
ORDER BY enterprise, entrepreneur, investor
