// Under-connected research (成果躺在纸上): Scientists and Institutes with no tie of any kind,
// in either direction, to an Enterprise.
// Returns: node, name, types
// Parameters: none
MATCH (s:Scientist|Institute)
WHERE NOT EXISTS { MATCH (s)-[]-(e:Enterprise) }
RETURN s.id AS node, s.name AS name, s.types AS types
ORDER BY node
