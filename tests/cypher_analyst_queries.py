# ruff: noqa: E501  (one query per string reads better than wrapped)
"""Analyst-style Cypher queries for the differential test against Neo4j (tests/test_cypher_differential.py).

Written for this project's graphs (the seed and a synthetic ecosystem): every clause family,
amounts with nulls, dates as strings, AND/OR/NOT precedence, two relationships between the
same pair, variable-length paths and labels on multi-typed actors. ``$bank`` and ``$names``
are filled from the graph under test.
"""

from __future__ import annotations

__all__ = ["ANALYST_QUERIES", "analyst_params"]

from typing import Any

import pandas as pd

from ecox.graph.claims import ClaimGraph

ANALYST_QUERIES: tuple[str, ...] = (
    # --- counting and labels
    "MATCH (a) RETURN count(*) AS actors",
    "MATCH (a:Actor) RETURN count(a)",
    "MATCH (b:Bank) RETURN count(b) AS banks",
    "MATCH (a:Scientist:Entrepreneur) RETURN a.name ORDER BY a.name",
    "MATCH (a:Fund|Investor) RETURN count(*) AS capital",
    "MATCH (a) WHERE a:Bank RETURN a.name ORDER BY a.name LIMIT 5",
    "MATCH (a) WHERE a:Park OR a:Government RETURN count(*) AS n",
    "MATCH (a) WHERE a:Park AND a:Government RETURN a.name ORDER BY a.name",
    "MATCH (a) WHERE NOT a:Enterprise RETURN count(*) AS n",
    "MATCH (a) WHERE 'Bank' IN labels(a) RETURN count(*) AS n",
    "MATCH (a) UNWIND labels(a) AS label RETURN label, count(*) AS n ORDER BY label",
    "MATCH (a) WHERE size(labels(a)) > 2 RETURN a.name, size(labels(a)) AS k ORDER BY a.name",
    "MATCH (a) WHERE 'Scientist' IN a.types RETURN count(*) AS n",
    "MATCH (a) RETURN a.types[0] AS primary, count(*) AS n ORDER BY primary",
    "MATCH (a) RETURN size(a.types) AS k, count(*) AS n ORDER BY k",
    "MATCH (a:Nonexistent) RETURN count(*) AS n",
    # --- relationship types
    "MATCH ()-[r]->() RETURN type(r) AS rel, count(*) AS n ORDER BY rel",
    "MATCH (a)-[r]->(b) RETURN count(DISTINCT type(r)) AS kinds",
    "MATCH (b:Bank)-[r:LENT_TO]->(e) RETURN b.name, e.name ORDER BY b.name, e.name",
    "MATCH (b:Bank)-[:LENT_TO|SERVES]->(e:Enterprise) RETURN b.name AS bank, count(*) AS n "
    "ORDER BY n DESC, bank",
    "MATCH (a)-[r:INVESTED_IN]->(b) RETURN a.name, b.name, r.amount ORDER BY a.name, b.name, r.amount",
    "MATCH (a)-[r:NOT_A_TYPE]->(b) RETURN count(*) AS n",
    "MATCH (a)-[r]-(b:Bank) RETURN type(r) AS rel, count(*) AS n ORDER BY rel",
    "MATCH (a)<-[r:FOUNDED]-(f) RETURN a.name AS company, f.name AS founder ORDER BY company, founder",
    "MATCH (a)-[r]->(a) RETURN count(*) AS loops",
    "MATCH (a)-[r:COOPERATES_WITH]-(b) RETURN count(*) AS n",
    # --- amounts with nulls and aggregations
    "MATCH ()-[r]->() RETURN sum(r.amount) AS total, count(r.amount) AS known, count(*) AS all",
    "MATCH ()-[r]->() RETURN avg(r.amount) AS mean",
    "MATCH ()-[r]->() RETURN min(r.amount) AS low, max(r.amount) AS high",
    "MATCH ()-[r]->() WHERE r.amount IS NULL RETURN sum(r.amount) AS s, avg(r.amount) AS a, "
    "count(r.amount) AS c",
    "MATCH ()-[r:ACQUIRED]->() WHERE r.amount > 1e15 RETURN sum(r.amount) AS s, count(*) AS c",
    "MATCH ()-[r]->() WHERE r.amount > 1000000 RETURN count(*) AS big",
    "MATCH ()-[r]->() WHERE NOT r.amount > 1000000 RETURN count(*) AS not_big",
    "MATCH ()-[r]->() WHERE r.amount <> 1000000 RETURN count(*) AS n",
    "MATCH ()-[r]->() WHERE r.amount IS NOT NULL RETURN r.currency AS cur, count(*) AS n "
    "ORDER BY cur",
    "MATCH (a)-[r]->(b) WHERE r.amount >= 5000000 RETURN a.name, r.amount ORDER BY r.amount DESC, "
    "a.name LIMIT 5",
    "MATCH (a)-[r]->() RETURN a.name AS actor, sum(r.amount) AS total ORDER BY total DESC, actor "
    "LIMIT 10",
    "MATCH (a)-[r]->() WITH a, sum(r.amount) AS total WHERE total > 0 RETURN count(a) AS funders",
    "MATCH (a)-[r]->() RETURN a.name AS actor, collect(r.amount) AS amounts ORDER BY actor LIMIT 5",
    "MATCH (a)-[r]->() RETURN count(DISTINCT a) AS sources, count(DISTINCT r.currency) AS cur",
    "MATCH (a)-[r]->(b) RETURN count(DISTINCT b.name) AS targets",
    "MATCH ()-[r]->() RETURN coalesce(r.amount, 0) AS amount, count(*) AS n ORDER BY amount "
    "LIMIT 5",
    "MATCH ()-[r]->() RETURN r.amount / 10000 AS wan ORDER BY wan DESC LIMIT 3",
    "MATCH ()-[r]->() WHERE r.amount IS NOT NULL RETURN round(r.amount / 1000000) AS m, count(*) AS n "
    "ORDER BY m",
    "MATCH (a)-[r]->() RETURN a.name AS actor, count(*) AS claims, sum(r.amount) AS total "
    "ORDER BY claims DESC, actor LIMIT 5",
    "MATCH (a)-[r]->() WHERE r.amount IS NOT NULL RETURN a.name AS actor, avg(r.amount) AS mean "
    "ORDER BY actor",
    "UNWIND [1, null, 3] AS x RETURN sum(x) AS s, avg(x) AS a, count(x) AS c, min(x) AS lo",
    "UNWIND [] AS x RETURN count(x) AS c, sum(x) AS s, collect(x) AS xs",
    # --- dates (stored as text)
    "MATCH ()-[r]->() WHERE r.date >= '2025-01-01' RETURN count(*) AS recent",
    "MATCH ()-[r]->() WHERE r.date STARTS WITH '2025' RETURN count(*) AS n",
    "MATCH ()-[r]->() WHERE r.date IS NOT NULL RETURN min(r.date) AS first, max(r.date) AS last",
    "MATCH ()-[r]->() WHERE r.date IS NOT NULL RETURN left(r.date, 4) AS year, count(*) AS n "
    "ORDER BY year",
    "MATCH ()-[r]->() WHERE r.date < '2020' OR r.date IS NULL RETURN count(*) AS n",
    "MATCH (a)-[r]->(b) WHERE r.date IS NOT NULL RETURN a.name, r.date ORDER BY r.date DESC, a.name "
    "LIMIT 5",
    "MATCH ()-[r]->() WHERE size(r.date) = 10 RETURN count(*) AS full_dates",
    # --- AND / OR / NOT precedence
    "MATCH (a)-[r]->(b) WHERE a:Bank OR a:Fund AND b:Enterprise RETURN count(*) AS n",
    "MATCH (a)-[r]->(b) WHERE (a:Bank OR a:Fund) AND b:Enterprise RETURN count(*) AS n",
    "MATCH (a)-[r]->(b) WHERE NOT a:Bank AND b:Enterprise RETURN count(*) AS n",
    "MATCH (a)-[r]->(b) WHERE NOT (a:Bank AND b:Enterprise) RETURN count(*) AS n",
    "MATCH (a)-[r]->(b) WHERE a:Bank XOR b:Enterprise RETURN count(*) AS n",
    "MATCH (x)-[r]->(y) WHERE x.name = $bank OR y.name = $bank RETURN count(*) AS n",
    "MATCH (a)-[r]->(b) WHERE r.amount > 1 OR r.date > '2025' AND NOT a:Bank RETURN count(*) AS n",
    "MATCH (a) WHERE a.name IN $names RETURN a.name ORDER BY a.name",
    "MATCH (a) WHERE NOT a.name IN $names AND a:Bank RETURN count(*) AS n",
    "MATCH (a) WHERE a.name CONTAINS '银行' RETURN count(*) AS n",
    "MATCH (a) WHERE a.name ENDS WITH '公司' RETURN count(*) AS n",
    "MATCH (a) WHERE a.name =~ '.*(银行|基金).*' RETURN count(*) AS n",
    "MATCH (a) WHERE size(a.aliases) > 0 RETURN a.name, a.aliases ORDER BY a.name",
    # --- two relationships between the same pair
    "MATCH (a)-[r1]->(b)<-[r2]-(a) RETURN count(*) AS pairs",
    "MATCH (b:Bank)-[:LENT_TO]->(e)<-[:SERVES]-(b) RETURN b.name, e.name ORDER BY b.name, e.name",
    "MATCH (a)-[r1]->(b), (a)-[r2]->(b) RETURN count(*) AS n",
    "MATCH (a)-[r]->(b) WITH a, b, count(r) AS k WHERE k > 1 RETURN a.name, b.name, k "
    "ORDER BY a.name, b.name",
    "MATCH (a)-[r]->(b) RETURN a.name, b.name, count(r) AS k, min(type(r)) AS first_rel, "
    "max(type(r)) AS last_rel ORDER BY k DESC, a.name, b.name LIMIT 5",
    # --- paths and uniqueness
    "MATCH (a)-[r1]->(b)-[r2]->(c) RETURN count(*) AS two_hops",
    "MATCH (a)-[r1]-(b)-[r2]-(c) RETURN count(*) AS n",
    "MATCH (a)-[r1]-(b)-[r2]-(a) RETURN count(*) AS back_and_forth",
    "MATCH (a)-[*1..2]->(b) RETURN count(*) AS n",
    "MATCH (a)-[rs*1..3]->(b) RETURN count(*) AS n",
    "MATCH (a)-[rs*1..3]-(b) WHERE a:Bank RETURN count(*) AS n",
    "MATCH (a)-[:INVESTED_IN|COMMITTED_TO*1..3]->(e:Enterprise) RETURN count(DISTINCT e) AS reached",
    "MATCH (a:Bank)-[rs*2]->(b) RETURN count(*) AS n",
    "MATCH (a)-[rs*0..1]->(b) RETURN count(*) AS n",
    "MATCH p = (a:Fund)-[:INVESTED_IN]->(b) RETURN length(p) AS len, count(*) AS n ORDER BY len",
    "MATCH p = (a:Bank)-[*1..2]->(b) RETURN max(length(p)) AS longest",
    "MATCH (a)-[rs*1..2]->(b) RETURN size(rs) AS hops, count(*) AS n ORDER BY hops",
    "MATCH (a)-[rs*1..2]->(b)-[r]->(c) RETURN count(*) AS n",
    "MATCH (a)-[rs*1..2]->(b)-[r]->(c) RETURN size(rs) AS hops, a = c AS back, count(*) AS n "
    "ORDER BY hops, back",
    # --- the relationships of a variable-length path as a list
    "MATCH (a:Bank)-[rs*1..2]->(b) RETURN a.name AS bank, [x IN rs | type(x)] AS rels, "
    "[x IN rs | x.id] AS ids",
    "MATCH (a:Fund)-[rs*1..2]->(b) RETURN size(rs) AS hops, rs[0].id AS first, rs[-1].id AS last, "
    "rs[1].amount AS second, head(rs).date AS d, last(rs).currency AS c, rs[5].id AS none",
    "MATCH (a:Fund)-[rs*1..2]->(b) UNWIND rs AS r RETURN type(r) AS rel, count(*) AS n, "
    "sum(r.amount) AS total ORDER BY rel",
    "MATCH (a:Bank)-[rs*1..3]-(b) RETURN [x IN rs | x.amount] AS amounts, count(*) AS n",
    "MATCH (a)-[rs*2]->(b) WHERE rs[0].amount IS NOT NULL AND rs[1].date > '2020' RETURN count(*) AS n",
    "MATCH (a:Investor)-[rs*1..2]->(b) WITH a, rs RETURN a.name AS investor, "
    "[x IN rs | x.date] AS dates, size(rs) AS n",
    "MATCH (a:Bank)-[rs*0..1]->(b) RETURN size(rs) AS n, [x IN rs | x.id] AS ids",
    "MATCH (a:Bank)-[rs*1..2]->(b) RETURN rs",
    "MATCH p = (a:Bank)-[*1..2]->(b) RETURN nodes(p)[0].name AS start, nodes(p)[-1].name AS stop, "
    "relationships(p)[1].id AS second, count(*) AS n",
    # --- the same, rewritten as one chain of single relationships per length (cypher_hops)
    "MATCH (a:Government)<-[rs*1..2]-(b) RETURN a.name AS a, [x IN rs | x.id] AS ids, rs[-1].amount AS m",
    "MATCH (a:Government)-[rs:LENT_TO|SERVES*2..3]-(b:Bank) RETURN [x IN rs | type(x)] AS rels, b.id AS b",
    "MATCH (a:Fund)-[rs:INVESTED_IN*1..3 {currency: 'CNY'}]->(b) RETURN rs[2].id AS third, size(rs) AS k",
    "MATCH (a)-[rs*1..2]->(a) RETURN a.name AS a, [x IN rs | x.id] AS ids",
    "MATCH (a:Bank)-[rs*1..3]-(a) RETURN [x IN rs | x.id] AS ids",
    "MATCH (a:Government)<-[rs*1..2]-(b)-[r]->(c:Enterprise) RETURN [x IN rs | x.id] + [r.id] AS ids",
    "MATCH (a:Fund)-[rs*1..2]->(b) UNWIND rs AS r RETURN r.id AS id, size(rs) AS k, a.name AS a",
    "MATCH (a:Fund)-[rs*1..2]->(b) WHERE rs[1].amount IS NULL RETURN head(rs).id AS h, last(rs).id AS t",
    "MATCH (a:Investor)-[rs*1..3]->(b) WITH a, b, rs AS path WHERE size(path) > 1 "
    "RETURN a.name AS a, b.name AS b, [x IN path WHERE x.amount > 0 | x.amount] AS amounts",
    "MATCH (a:Bank)-[rs*1..2]->(b) RETURN DISTINCT size(rs) AS k, [x IN rs | type(x)] AS rels",
    "MATCH (a:Bank)-[rs*1..2]->(b) RETURN rs[1] AS second, rs[0].date AS d1, rs[0].date AS d2",
    "MATCH p = (a:Bank)-[*1..3]->(b) RETURN [n IN nodes(p) | n.name] AS names, length(p) AS k, "
    "relationships(p)[0].id AS first",
    "MATCH p = (a:Fund)<-[*1..2]-(b) RETURN nodes(p)[1].id AS next, size(relationships(p)) AS k",
    "MATCH (a:Fund)-[rs*1..2]->(b) RETURN rs[0] AS r, [x IN rs WHERE x.amount > 0] AS big",
    "MATCH p = (a:Bank)-[*1..2]->(b) RETURN [x IN nodes(p) | x.name + '!'] AS names",
    # --- aggregates over several lengths, one query per length and the groups combined
    "MATCH (a:Bank)-[rs*1..3]-(b) RETURN count(*) AS n, min(b.name) AS lo, max(size(rs)) AS hi, "
    "sum(size(rs)) AS s",
    "MATCH (a:Nonexistent)-[rs*1..3]-(b) RETURN count(*) AS n, min(b.name) AS lo, sum(size(rs)) AS s",
    "MATCH (a:Fund)<-[rs*1..3]-(b) RETURN last(rs).date AS d, count(b) AS n, "
    "max(rs[0].amount) AS m ORDER BY d",
    "MATCH (a:Investor)-[rs:INVESTED_IN|COMMITTED_TO*1..2]->(b) UNWIND rs AS r "
    "RETURN r.currency AS c, count(*) AS n, sum(r.amount) AS s, min(r.date) AS first",
    "MATCH (a)-[r]->(b) WHERE (b)-[:LOCATED_IN]->() RETURN count(*) AS n",
    "MATCH (e:Enterprise) WHERE NOT (e)<-[:INVESTED_IN]-() RETURN count(e) AS unfunded",
    "MATCH (e) WHERE exists((e)-[:FOUNDED]->()) RETURN count(e) AS founders",
    "MATCH (e:Enterprise) WHERE EXISTS { MATCH (e)<-[:LENT_TO]-(b:Bank) } RETURN count(e) AS n",
    "MATCH (a) RETURN a.name AS actor, COUNT { (a)-->() } AS out ORDER BY out DESC, actor LIMIT 5",
    # --- OPTIONAL MATCH
    "MATCH (b:Bank) OPTIONAL MATCH (b)-[r:LENT_TO]->(e) RETURN b.name AS bank, count(e) AS loans "
    "ORDER BY bank",
    "MATCH (p:Park) OPTIONAL MATCH (p)<-[:LOCATED_IN]-(e:Enterprise) RETURN p.name AS park, "
    "count(e) AS firms ORDER BY park",
    "MATCH (a:Fund) OPTIONAL MATCH (a)-[r:INVESTED_IN]->(e) RETURN a.name AS fund, "
    "sum(r.amount) AS total ORDER BY fund",
    "MATCH (a:Bank) OPTIONAL MATCH (a)-[r]->(e) WHERE r.amount > 1000000 RETURN a.name AS bank, "
    "count(r) AS big ORDER BY bank",
    "MATCH (e:Enterprise) OPTIONAL MATCH (e)<-[:INVESTED_IN]-(i) WITH e, count(i) AS k WHERE k = 0 "
    "RETURN count(e) AS n",
    "OPTIONAL MATCH (a:Nonexistent) RETURN a",
    # --- WITH, UNWIND, CASE, UNION
    "MATCH (a)-[r]->() WITH a, count(r) AS out WHERE out >= 3 RETURN a.name, out "
    "ORDER BY out DESC, a.name",
    "MATCH (a)-[r]->(b) WITH type(r) AS rel, count(*) AS n ORDER BY n DESC, rel LIMIT 3 "
    "RETURN rel, n",
    "MATCH (a) WITH a.types[0] AS t, collect(a.name) AS names RETURN t, size(names) AS n ORDER BY t",
    "MATCH (a) WITH DISTINCT a.types[0] AS t RETURN count(t) AS kinds",
    "UNWIND $names AS name MATCH (a {name: name}) RETURN a.name, size(a.types) AS k ORDER BY a.name",
    "UNWIND [1, 2, 3] AS x UNWIND [10, 20] AS y RETURN x * y AS p ORDER BY p",
    "MATCH (a)-[r]->() WITH a, collect(type(r)) AS rels UNWIND rels AS rel RETURN rel, "
    "count(DISTINCT a) AS actors ORDER BY rel",
    "MATCH ()-[r]->() RETURN CASE WHEN r.amount IS NULL THEN 'unknown' WHEN r.amount > 10000000 "
    "THEN 'large' ELSE 'small' END AS size, count(*) AS n ORDER BY size",
    "MATCH (a) RETURN CASE a.types[0] WHEN 'Bank' THEN 'finance' WHEN 'Fund' THEN 'finance' "
    "ELSE 'other' END AS sector, count(*) AS n ORDER BY sector",
    "MATCH (a:Bank) RETURN a.name AS name UNION MATCH (a:Fund) RETURN a.name AS name",
    "MATCH (a:Bank) RETURN 'bank' AS kind, count(*) AS n UNION ALL MATCH (a:Fund) "
    "RETURN 'fund' AS kind, count(*) AS n",
    "MATCH (a)-[:LENT_TO]->(b) RETURN b.name AS name UNION MATCH (a)-[:INVESTED_IN]->(b) "
    "RETURN b.name AS name",
    # --- projections, ordering, paging, expressions
    "MATCH (a) RETURN DISTINCT a.types[0] AS t ORDER BY t",
    "MATCH (a) RETURN a.name ORDER BY a.name SKIP 3 LIMIT 4",
    "MATCH (a) RETURN a.name AS name ORDER BY size(name) DESC, name LIMIT 3",
    "MATCH (a) RETURN toUpper(a.id) AS up, toLower(a.id) AS low ORDER BY up LIMIT 3",
    "MATCH (a) RETURN a.name + '/' + a.id AS label ORDER BY label LIMIT 3",
    "MATCH (a) RETURN substring(a.id, 0, 4) AS prefix, count(*) AS n ORDER BY prefix",
    # a WHERE on a node carried by an aggregating WITH, in the next MATCH
    "MATCH (a)-[r]->(b) WITH b, count(r) AS k MATCH (b)-[s]-(c) WHERE b:Enterprise AND k > 1 "
    "AND c.name IS NOT NULL RETURN count(*) AS n",
    "MATCH (a)--(b) WITH b, count(*) AS w MATCH (b)--(c) WHERE b:Enterprise RETURN sum(w) AS s",
    "MATCH (a)-[r]->(b) WITH b, count(r) AS k WHERE 'Enterprise' IN b.types MATCH (b)-[s]-(c) RETURN count(*)",
    "MATCH (a)--(b) WITH b, collect(a.name) AS xs MATCH (b)--(c) WHERE coalesce(b:Enterprise, false) OR c:Bank "
    "RETURN sum(size(xs)) AS s, count(*) AS n",
    # aliases that shadow a pattern variable, then ORDER BY (Neo4j sorts by the alias)
    "MATCH (a) RETURN a.name AS a ORDER BY a",
    "MATCH (a)-[r]->(b) RETURN b.name AS a, a.name AS b ORDER BY a DESC, b LIMIT 10",
    "MATCH (a)-[r]->(b) WITH a.name AS a, type(r) AS r ORDER BY a, r LIMIT 5 RETURN a, r",
    "MATCH (a)-[r]->(b) RETURN a.name AS b, count(*) AS r ORDER BY r DESC, b LIMIT 5",
    "MATCH (a) WITH a.name AS a ORDER BY a DESC SKIP 2 LIMIT 3 WHERE a IS NOT NULL RETURN a",
    "MATCH (a)-[r]->(b) WITH b AS a, a AS b ORDER BY a.name, b.name LIMIT 5 "
    "RETURN a.name AS x, b.name AS y",
    "MATCH (a) WHERE a.name = $bank RETURN a",
    "MATCH (a)-[r:LENT_TO]->(b) RETURN r ORDER BY r.id LIMIT 2",
    "MATCH (a)-[r]->(b) RETURN a.name, r.nonexistent, b.nonexistent ORDER BY a.name LIMIT 2",
    "MATCH (a) RETURN [x IN a.types WHERE x <> 'Bank' | toLower(x)] AS others ORDER BY a.id LIMIT 5",
    "MATCH (a) RETURN head(a.types) AS first, last(a.types) AS final ORDER BY a.id LIMIT 5",
    "MATCH (a) RETURN a.types[1] AS second ORDER BY a.id LIMIT 5",
    "MATCH (a) RETURN a.types[0..1] AS first_only ORDER BY a.id LIMIT 3",
    "MATCH (a)-[r]->(b) RETURN a.name AS s, b.name AS t ORDER BY s, t LIMIT 1",
    "MATCH (a) WHERE a.name STARTS WITH $prefix RETURN count(*) AS n",
    "RETURN 1 + 2 * 3 AS x, (1 + 2) * 3 AS y, 7 / 2 AS z, 7 % 3 AS m, 2 ^ 3 AS p",
    "RETURN abs(-2) AS a, sqrt(16) AS s, sign(-3) AS g, floor(2.7) AS f, ceil(2.1) AS c",
    "RETURN size('科技金融') AS n, reverse('abc') AS r, trim('  x ') AS t, "
    "replace('a-b', '-', '+') AS p",
    "RETURN split('a,b,c', ',') AS parts, left('hello', 2) AS l, right('hello', 3) AS r",
    "RETURN coalesce(null, 'x') AS c, null IS NULL AS n, [1, 2, 3] AS xs, size([1, 2]) AS k",
    "MATCH (a) RETURN count(*) > 10 AS many",
    "UNWIND [[1, 2, 3]] AS xs RETURN xs[0..2] AS a, xs[1..] AS b, xs[..1] AS c, xs[2..1] AS d, xs[5] AS e, xs[-1] AS f",
    # --- writes and refused features (each must be refused in one line)
    "MATCH (a) SET a.name = 'x' RETURN a",
    "CREATE (a:Bank {name: 'x'}) RETURN a",
    "MATCH (a) DETACH DELETE a",
    "MERGE (a:Bank {name: 'x'}) RETURN a",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "CALL db.labels()",
    "MATCH (a) RETURN id(a) LIMIT 1",
    "MATCH (a)-[*]->(b) RETURN count(*)",
    # --- shortest paths (Neo4j: one path per pair of ends, or all the shortest)
    "MATCH p = shortestPath((a:Bank)-[*..5]-(b:Fund)) WHERE a.name = $bank AND NOT b:Bank "
    "RETURN b.name AS fund, length(p) AS hops ORDER BY fund",
    "MATCH (a {name: $bank}), (b:Enterprise) WHERE NOT b:Bank MATCH p = shortestPath((a)-[*]-(b)) "
    "RETURN length(p) AS hops, count(*) AS n ORDER BY hops",
    "MATCH p = allShortestPaths((a:Bank)-[:LENT_TO|SERVES*..3]->(e:Enterprise)) WHERE NOT e:Bank "
    "RETURN length(p) AS hops, count(*) AS n ORDER BY hops",
    "MATCH p = shortestPath((a:Fund)-[:INVESTED_IN]->(e)) WHERE a <> e RETURN count(*) AS pairs",
    "MATCH p = shortestPath((a)-[*..3]->(b)) WHERE a.name = $bank AND a <> b "
    "RETURN count(*) AS reachable, max(length(p)) AS farthest",
    "MATCH p = allShortestPaths((a)-[*..4]-(b)) WHERE a.name = $bank AND b.name IN $names AND a <> b "
    "RETURN b.name AS target, length(p) AS hops, count(p) AS paths ORDER BY target",
    "MATCH p = shortestPath((a:Bank)-[*..4]-(b:Park)) WHERE NOT b:Bank RETURN a.name AS bank, "
    "b.name AS park, [n IN nodes(p) | n.name][0] AS start, length(p) AS hops "
    "ORDER BY bank, park LIMIT 5",
    "MATCH p = allShortestPaths((a:Bank)-[*..3]->(b:Fund)) WHERE NOT b:Bank "
    "RETURN a.name AS bank, b.name AS fund, length(p) AS hops ORDER BY bank, fund, hops",
    "MATCH p = allShortestPaths((a {name: $bank})<-[*..3]-(b)) WHERE NOT a = b "
    "RETURN [n IN nodes(p) | n.name][-1] AS other, length(p) AS hops ORDER BY other, hops",
    "MATCH p = shortestPath((u:EcoxUnnamed)-[*..3]-(b:Bank)) "
    "RETURN length(p) AS hops, count(p) AS n ORDER BY hops DESC",
    "MATCH p = shortestPath((a)-[:INVESTED_IN|COMMITTED_TO*..4]->(b)) WHERE a.name = $bank "
    "AND a <> b RETURN min(length(p)) AS nearest, max(length(p)) AS farthest, count(*) AS n",
    "MATCH p = shortestPath((a)-[*..6]-(b)) WHERE a.name = $bank AND a <> b "
    "RETURN length(p) AS hops, count(*) AS n ORDER BY hops",
    # --- properties the store does not hold, read on list elements (format 4)
    "MATCH p = (a:Bank)-[:LENT_TO|SERVES]->(b) RETURN [x IN nodes(p) | x.ecox_graph] AS g, "
    "[r IN relationships(p) | r.ecox_graph] AS h, count(*) AS n",
    "MATCH p = (a)-[:INVESTED_IN]->(b) RETURN [r IN relationships(p) | r.span_start] AS s, "
    "[r IN relationships(p) | r.counterpart_count] AS c, count(*) AS n",
    "MATCH p = (a:Bank)-[:LENT_TO]->(b) UNWIND nodes(p) AS x RETURN x.ecox_graph AS g, "
    "x.nonexistent AS z, count(*) AS n",
    "MATCH p = (a)-[:FOUNDED]->(b) UNWIND relationships(p) AS r "
    "RETURN r.span_end AS e, count(*) AS n",
    # --- properties()
    "MATCH (a) WHERE a.name = $bank RETURN properties(a) AS props",
    "MATCH (a)-[r:LENT_TO]->(b) RETURN properties(r) AS props ORDER BY r.id LIMIT 3",
    "MATCH (a:Bank) RETURN properties(a).name AS name ORDER BY name LIMIT 3",
    "MATCH (a:Bank) OPTIONAL MATCH (a)-[r:NOT_A_TYPE]->() RETURN a.name, properties(r) AS p "
    "ORDER BY a.name LIMIT 3",
    # --- conversions
    "RETURN toInteger('12') AS a, toInteger('12.7') AS b, toInteger(2.7) AS c, toInteger(-2.7) AS d, "
    "toInteger('x') AS e, toInteger(null) AS f",
    "RETURN toFloat('1e3') AS a, toFloat('x') AS b, toFloat(3) AS c, toString(42) AS d, "
    "toString(true) AS e, toString('s') AS f",
    "MATCH ()-[r]->() WHERE r.amount IS NOT NULL RETURN toInteger(r.amount / 1000000) AS m, "
    "count(*) AS n ORDER BY m",
    "MATCH (a) RETURN toInteger(right(a.id, 1)) AS digit, count(*) AS n ORDER BY digit",
    "MATCH (a:Actor) RETURN toString(size(a.types)) + ' types' AS k, count(*) AS n ORDER BY k",
    "MATCH (a) WHERE toFloat(a.name) IS NULL RETURN count(*) AS n",
    # --- labels() on multi-typed actors
    "MATCH (a:Scientist:Entrepreneur) RETURN a.name, size(labels(a)) AS k, 'Actor' IN labels(a) AS actor "
    "ORDER BY a.name",
    "MATCH (a) RETURN 'EcoxUnnamed' IN labels(a) AS unnamed, count(*) AS n ORDER BY unnamed",
    "MATCH (a) WITH a, labels(a) AS ls WHERE 'Fund' IN ls AND 'Investor' IN ls RETURN count(*) AS n",
    # --- comparisons across types, three-valued IN
    "RETURN '1' = 1 AS a, 1 = 1.0 AS b, '1' <> 1 AS c, 'a' < 1 AS d, [1] = 1 AS e, null = 1 AS f, "
    "true = 1 AS g",
    "MATCH (a) WHERE a.name = 1 RETURN count(*) AS n",
    "MATCH (a:Actor) RETURN a.name <> 0 AS differs, count(*) AS n ORDER BY differs",
    "MATCH ()-[r]->() WITH r.amount = '1000000' AS same RETURN same IS NULL AS unknown, "
    "count(*) AS n ORDER BY unknown",
    "RETURN 2 IN [1, null] AS a, 1 IN [1, null] AS b, null IN [1] AS c, null IN [] AS d, 3 IN [] AS e",
    "MATCH (a) WITH a.name IN ['x', null] AS maybe RETURN maybe IS NULL AS unknown, count(*) AS n "
    "ORDER BY unknown",
    "MATCH (a) WHERE NOT a.name IN [$bank, null] RETURN count(*) AS n",
    "MATCH (a) WHERE a.name IN $names OR a:Bank RETURN count(*) AS n",
    "UNWIND [1, null, 3] AS x WITH x IN [1, 3] AS hit RETURN hit IS NULL AS unknown, hit = true AS yes, "
    "count(*) AS n ORDER BY unknown, yes",
    # --- sum over nulls, 0-based lists
    "MATCH (a:Bank)-[r:LENT_TO]->() WHERE r.amount IS NULL RETURN a.name AS bank, "
    "sum(r.amount) AS total ORDER BY bank",
    "UNWIND [null, null] AS x RETURN sum(x) AS s, avg(x) AS a, max(x) AS m, count(x) AS c",
    "MATCH (a) WHERE size(a.types) > 1 RETURN a.types[0] AS first, a.types[1] AS second, "
    "a.types[-1] AS last ORDER BY a.id LIMIT 5",
    "WITH ['a', 'b', 'c'] AS xs RETURN xs[0] AS a, xs[2] AS c, xs[3] AS none, xs[-3] AS first, "
    "xs[1..2] AS mid",
    # --- relationship uniqueness
    "MATCH (a)-[r1:LENT_TO|SERVES]->(b)<-[r2:LENT_TO|SERVES]-(a) RETURN count(*) AS n",
    "MATCH (a)-[r1]-(b)-[r2]-(c)-[r3]-(a) RETURN count(*) AS triangles",
    "MATCH (a:Bank)-[r1]->(b)<-[r2]-(c)-[r3:LENT_TO|SERVES]-(a) RETURN count(*) AS n",
    "MATCH (a:Enterprise)-[r1]->(b)-[r2]->(c)-[r3]->(a) WHERE NOT b:Bank RETURN count(*) AS n",
    "MATCH (a)-[*1..3]-(a) RETURN count(*) AS closed",
    "MATCH (a:Bank)-[rs*1..3]->(a) RETURN size(rs) AS hops, count(*) AS n ORDER BY hops",
    "MATCH (a:Bank)-[rs*1..2]-(b)-[r]-(c) RETURN c = a AS back, count(*) AS n ORDER BY back",
    "MATCH (a)-[rs*1..2]-(b)-[:INVESTED_IN]->(c) RETURN size(rs) AS hops, count(*) AS n "
    "ORDER BY hops",
    "MATCH (a)-[r]->(b), (c)-[s]->(b) WHERE a.name = $bank RETURN count(*) AS n",
    "MATCH (a:Enterprise)<-[rs*1..2]-(b:Fund) RETURN size(rs) AS k, count(*) AS n, max(b.name) AS hi, sum(size(rs)) AS s ORDER BY k",
    "MATCH (a)-[r1]-(b)-[r2]-(c) WHERE a.name = $bank RETURN count(*) AS n, min(c.name) AS lo, max(c.name) AS hi",
    "MATCH (a)-[r1]-(b)-[r2]-(c)-[r3]-(d) WHERE a.name = $bank RETURN count(*) AS n, min(d.name) AS lo",
    "MATCH (a:Investor)-[rs*1..3]->(b) RETURN size(rs) AS k, min(b.name) AS lo, max(b.id) AS hi ORDER BY k",
    "MATCH p = (a:Park)-[*1..3]-(b) RETURN length(p) AS k, max(b.name) AS hi, sum(length(p)) AS s ORDER BY k",
    "MATCH (a:Bank)-[rs*1..2]->(b:Scientist) RETURN count(*) AS n, min(b.name) AS lo, sum(size(rs)) AS s",
    "MATCH (a:Bank)-[rs*1..3]-(b) RETURN min(b.count) AS lo, max(b.type) AS t, count(*) AS n",
    # --- unnamed counterparts (claims naming one side: an :EcoxUnnamed node)
    "MATCH (a)-[r]->(u:EcoxUnnamed) RETURN type(r) AS rel, u.type AS kind, sum(u.count) AS reported "
    "ORDER BY rel, kind",
    "MATCH (u:EcoxUnnamed)-[r]->(a) RETURN a.name AS actor, r.counterpart_type AS kind "
    "ORDER BY actor, kind",
    "MATCH (a) WHERE NOT a:Actor RETURN labels(a) AS ls, count(*) AS n",
    "MATCH (a:Actor)-[r]-(b) WHERE r.counterpart_type IS NOT NULL RETURN count(*) AS n",
    "MATCH (a)-[r]->(b) RETURN b:EcoxUnnamed AS unnamed, count(*) AS n ORDER BY unnamed",
    "MATCH (u:EcoxUnnamed) RETURN u",
    "MATCH (a) RETURN count(*) AS nodes, count(a.name) AS named",
    # --- a label or type nothing has: the answer of an empty graph (cypher_absent.py), or not
    "MATCH (a:Nonexistent|Missing)-[r]->(b) RETURN a.name AS a, count(*) AS n",
    "MATCH (a:Fund:Nonexistent) RETURN collect(a.name) AS xs, max(a.name) AS top, count(a) AS n",
    "MATCH (a)-[r:NOT_A_TYPE*1..3]-(b) RETURN count(*) AS n, avg(size(r)) AS mean, collect(b.name) AS xs",
    "MATCH (a:Bank) WITH a MATCH (a)-[:NOT_A_TYPE]->(b) RETURN a.name, b.name",
    "MATCH (a)-[r]->(b) WHERE a:Nonexistent AND r.amount > 0 RETURN count(*) AS n, sum(r.amount) AS s",
    "MATCH (a:Nonexistent) WITH count(*) AS n RETURN n, [x IN range(1, 3) | x * n] AS xs",
    "MATCH (a:Nonexistent)-[rs*1..2]-(b) RETURN min(b.name) AS lo, max(size(rs)) AS hi, sum(size(rs)) AS s",
    "OPTIONAL MATCH (a:Nonexistent)-[r]-(b) RETURN count(*) AS n, count(b) AS m",
    "MATCH (a:Bank) OPTIONAL MATCH (a)-[r:NOT_A_TYPE]->(b) RETURN a.name AS bank, count(b) AS n ORDER BY bank",
    "MATCH (a) WHERE a:Nonexistent OR a:Bank RETURN count(*) AS n",
    "MATCH (a) WHERE NOT a:Nonexistent RETURN count(*) AS n",
    "MATCH (a:Nonexistent|Bank)-[rs*1..2]->(b) RETURN count(*) AS n",
    "MATCH (a:Nonexistent) WITH count(*) AS n MATCH (b:Bank) RETURN n, count(b) AS banks",
    "MATCH (a:Nonexistent) RETURN a.name AS x UNION MATCH (b:Bank) RETURN b.name AS x",
    "MATCH (a:Nonexistent) RETURN a.name AS x UNION ALL MATCH (b)-[:NOT_A_TYPE]->() RETURN b.name AS x",
    "MATCH (a:Bank)-[rs:NOT_A_TYPE*0..2]->(b) RETURN a.name AS a, b.name AS b, size(rs) AS k ORDER BY a, b",
    "MATCH (a:Fund)-[rs:NOT_A_TYPE*0..1]-(b) WITH a, b, rs MATCH (b)-[r]->(c) RETURN count(*) AS n",
    # a relationship's type tested as a label (Neo4j 5: r:TYPE, r:A|B)
    "MATCH (a)-[r]->(b) WHERE r:LENT_TO RETURN a.name AS a, b.name AS b ORDER BY a, b",
    "MATCH (a)-[r]-(b:Bank) WHERE r:LENT_TO|SERVES OR r:INVESTED_IN RETURN count(*) AS n",
    "MATCH (a)-[r]->(b) WHERE NOT r:LENT_TO AND NOT r:Bank RETURN count(*) AS n",
    "MATCH (a)-[r]->(b) RETURN r:LENT_TO AS lent, count(*) AS n ORDER BY lent",
    "MATCH (a:Park) OPTIONAL MATCH (a)-[r:LOCATED_IN]-(b) RETURN r:LOCATED_IN AS here, count(*) AS n ORDER BY here",
    # chains of undirected claims through unlabelled nodes, listed by the engine's join
    "MATCH (a)-[r1]-(b)-[r2]-(c)-[r3]-(d) WHERE a.name = $bank RETURN d.name AS d, count(*) AS n ORDER BY n DESC, d LIMIT 5",
    "MATCH (a)-[r1]-()-[r2]-(c)-[r3]-(d:Enterprise) WHERE a.name = $bank AND r3.amount IS NOT NULL RETURN count(DISTINCT r3.id) AS claims, count(*) AS n",
    "MATCH (a:Bank)-[r1]-(b)-[r2]-(c)-[r3]-(a) RETURN a.name AS a, count(*) AS n ORDER BY n DESC, a LIMIT 5",
    # rows after a WITH's LIMIT (or SKIP), filtered, then aggregated
    "MATCH (a)-[r]->(b) WITH b, count(r) AS k ORDER BY k DESC, b.id LIMIT 5 WHERE b:Enterprise RETURN count(*) AS n, sum(k) AS s",
    "MATCH (a)-[r]->(b) WITH b, count(r) AS k ORDER BY k DESC, b.id LIMIT 8 WITH b, k WHERE NOT b:Bank RETURN collect(b.name) AS names",
    "MATCH (a:Enterprise)<-[r]-(b) WITH a, count(b) AS k ORDER BY k DESC, a.id SKIP 2 LIMIT 6 WHERE k > 1 RETURN count(*) AS n, max(k) AS top",
)


def analyst_params(graph: ClaimGraph) -> dict[str, Any]:
    """``$bank`` (the bank with most claims), ``$names`` (three of the busiest actors' names)
    and ``$prefix`` for a graph."""
    types = graph.types_by_id()
    degree = pd.concat([graph.claims["source"], graph.claims["target"]]).value_counts()
    banks = [a for a in degree.index if "Bank" in types.get(a, ())]
    names = dict(zip(graph.actors["id"], graph.actors["name"], strict=True))
    bank = str(names[banks[0]])
    chosen = sorted([str(names[a]) for a in degree.index if a in names][:3])
    return {"bank": bank, "names": chosen, "prefix": bank[:1]}
