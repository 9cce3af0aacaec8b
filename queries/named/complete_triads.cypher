// Complete scientist–entrepreneur–capital triads (三位一体): one row per enterprise and
// combination of three distinct actors filling the roles.
//   scientist role: a Scientist or Institute that founded it, is affiliated with it,
//                   transferred technology to it or cooperates with it;
//   entrepreneur role: an Entrepreneur who founded or leads it;
//   capital role: an Investor, Fund or Bank that invested in or lent to it.
// Returns: enterprise_id, enterprise, scientist_id, scientist, entrepreneur_id, entrepreneur,
//          capital_id, capital
// Parameters: none
MATCH (s:Scientist|Institute)-[:FOUNDED|AFFILIATED_WITH|TRANSFERRED_TECH|COOPERATES_WITH]-(e:Enterprise)
MATCH (f:Entrepreneur)-[:FOUNDED|LEADS]->(e)
MATCH (c:Investor|Fund|Bank)-[:INVESTED_IN|LENT_TO]->(e)
WHERE s.id <> f.id AND s.id <> c.id AND f.id <> c.id
RETURN DISTINCT e.id AS enterprise_id, e.name AS enterprise, s.id AS scientist_id,
       s.name AS scientist, f.id AS entrepreneur_id, f.name AS entrepreneur,
       c.id AS capital_id, c.name AS capital
ORDER BY enterprise_id, scientist_id, entrepreneur_id, capital_id
