// Fund-of-funds chains (母基金 → 子基金 → enterprise): a Fund or Government that committed to or
// invested in a Fund that invested in an Enterprise, with both claims' amounts.
// One row per pair of claims.
// Returns: parent, parent_name, fund, fund_name, enterprise, enterprise_name, commitment_claim,
//          commitment_amount, commitment_currency, investment_claim, investment_amount,
//          investment_currency
// Parameters: none
MATCH (p:Fund|Government)-[c:COMMITTED_TO|INVESTED_IN]->(f:Fund)-[i:INVESTED_IN]->(e:Enterprise)
WHERE p.id <> f.id
RETURN p.id AS parent, p.name AS parent_name, f.id AS fund, f.name AS fund_name,
       e.id AS enterprise, e.name AS enterprise_name, c.id AS commitment_claim,
       c.amount AS commitment_amount, c.currency AS commitment_currency,
       i.id AS investment_claim, i.amount AS investment_amount,
       i.currency AS investment_currency
ORDER BY parent, fund, enterprise, commitment_claim, investment_claim
