// Complete scientist–entrepreneur–capital triads (三位一体): one row per enterprise and
// combination of three distinct actors filling the roles.
//   scientist role: a Scientist or Institute that founded it, is affiliated with it,
//                   transferred technology to it or cooperates with it;
//   entrepreneur role: an Entrepreneur who founded or leads it;
//   investor (capital) role: an Investor, Fund or Bank that invested in or lent to it.
// Returns: enterprise, enterprise_name, scientist, scientist_name, entrepreneur,
//          entrepreneur_name, investor, investor_name (<role> = actor id, <role>_name = its name)
// Parameters: none
// (Each pair and triple is kept once, however many claims join them, before the next role is
// matched: the same rows, less work.)
MATCH (f:Entrepreneur)-[:FOUNDED|LEADS]->(e:Enterprise)
WITH DISTINCT f, e
MATCH (s:Scientist|Institute)-[:FOUNDED|AFFILIATED_WITH|TRANSFERRED_TECH|COOPERATES_WITH]-(e)
WHERE s.id <> f.id
WITH DISTINCT s, e, f
MATCH (c:Investor|Fund|Bank)-[:INVESTED_IN|LENT_TO]->(e)
WHERE s.id <> c.id AND f.id <> c.id
RETURN DISTINCT e.id AS enterprise, e.name AS enterprise_name, s.id AS scientist,
       s.name AS scientist_name, f.id AS entrepreneur, f.name AS entrepreneur_name,
       c.id AS investor, c.name AS investor_name
ORDER BY enterprise, scientist, entrepreneur, investor
