"""Exploring without a browser: ranked look-up, pinyin index, the readable subgraph and the
page's embedded links (the browser side is tests/test_explore_browser.py)."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from ecox.graph.analysis import analysis_graph
from ecox.graph.claims import ClaimGraph
from ecox.graph.errors import UnknownActorError
from ecox.graph.lookup import find_actor, ranked_matches
from ecox.viz.explore import explore_data
from ecox.viz.network import ViewInput, actor_scores
from ecox.viz.search_index import search_index, spellings
from ecox.viz.subgraph import paths_to, readable_subgraph


def test_ranked_matches_lists_every_stage_in_order() -> None:
    actors = pd.DataFrame(
        {
            "id": ["a1", "a2", "a3", "a4"],
            "name": ["瑞安", "瑞安农商银行", "温州瑞安基金", "浙江大学"],
            "aliases": ["", "", "", "瑞安大学"],
        }
    )
    assert ranked_matches(actors, "瑞安") == [("a1", 1), ("a2", 3), ("a4", 3), ("a3", 4)]
    assert ranked_matches(actors, "a3") == [("a3", 0)]
    assert find_actor(actors, "瑞安") == "a1"  # the first stage answers
    with pytest.raises(UnknownActorError, match="matches 2 actors"):
        find_actor(actors.iloc[1:], "瑞安")
    with pytest.raises(UnknownActorError, match="no actor"):
        find_actor(actors, "北京")


def test_spellings_and_index() -> None:
    assert spellings("瑞安市产业基金") == ("ruianshichanyejijin", "rascyjj")
    assert spellings("Intel capital") == (None, None)
    scores = pd.DataFrame({"degree": [1.0, 9.0, 0.0], "betweenness": [0.0, 0.0, 0.0]},
                          index=["x", "y", "z"])  # fmt: skip
    actors = pd.DataFrame(
        {"id": ["x", "y", "z"], "name": ["瑞安", "Okta", "Straße"], "aliases": ["瑞安农", "", ""]}
    )
    block, ranked = search_index(actors, scores)
    assert ranked == ["y", "x", "z"]  # same broker score: more partners first
    assert block["names"].split("\n") == ["Okta", "瑞安", "Straße"]
    # a key is written only where the page cannot lower-case the name into it
    assert block["keys"] == {2: "strasse"}
    assert block["aliases"] == {1: ["瑞安农"]}
    assert block["spell"] == {1: [["ruian", "ruiannong"], ["ra", "ran"]]}


def _chain_graph() -> ClaimGraph:
    """A–B–C–D–E in a line, F–G apart."""
    pairs = ("AB", "BC", "CD", "DE", "FG")
    return ClaimGraph.build(
        [(n, ["Enterprise"], []) for n in "ABCDEFG"],
        [{"source": s, "target": t, "type": "COOPERATES_WITH"} for s, t in pairs],
    )


def test_readable_subgraph_joins_by_shortest_paths() -> None:
    ag = analysis_graph(_chain_graph())
    ids = dict(zip(ag.actors["name"], ag.actors["id"], strict=True))
    names = {v: k for k, v in ids.items()}
    # E joins A through B, C, D (not wanted, but on the path); F is in another component
    chosen = readable_subgraph(ag, [ids[n] for n in "AEF"], limit=10)
    assert [names[a] for a in chosen] == ["A", "B", "C", "D", "E"]
    # a path that no longer fits is skipped, a shorter one after it still joins
    chosen = readable_subgraph(ag, [ids[n] for n in "AEB"], limit=3)
    assert [names[a] for a in chosen] == ["A", "B"]
    # the root is in the component holding most wanted actors
    chosen = readable_subgraph(ag, [ids[n] for n in "FCE"], limit=10)
    assert [names[a] for a in chosen] == ["C", "D", "E"]
    assert readable_subgraph(ag, [], limit=5) == []


def test_explore_data_embeds_the_links_of_drawn_actors(seed_graph: ClaimGraph) -> None:
    view = ViewInput.of(seed_graph)
    undirected = analysis_graph(seed_graph).to_networkx(directed=False)
    centre = find_actor(view.actors, "瑞安农商银行")
    drawn = sorted(nx.ego_graph(undirected, centre, radius=1))
    data = explore_data(view, drawn, actor_scores(view.analysis), per_actor=2)
    order = data["drawn"] + data["extra"]
    assert data["drawn"] == drawn
    beyond = {a for d in drawn for a in undirected[d]} - set(drawn)
    assert set(data["extra"]) <= beyond
    extra = set(data["extra"])
    assert len(extra) <= 2 * len(drawn)
    for actor in drawn:  # each drawn actor's best undrawn neighbours are embedded
        outside = set(undirected[actor]) - set(drawn)
        assert len(outside & extra) >= min(2, len(outside))
    pairs = {
        frozenset((order[a], order[b]))
        for a, b in zip(data["links"]["a"], data["links"]["b"], strict=True)
    }
    expected = {
        frozenset(e)
        for e in undirected.edges
        if e[0] != e[1] and set(e) <= set(order) and set(e) & set(drawn)
    }
    assert pairs == expected
    dates = data["dates"]
    assert dates == sorted(dates) and all(-1 <= d < len(dates) for d in data["links"]["d"])


def test_paths_to_step_towards_the_nearest_drawn_actor() -> None:
    ag = analysis_graph(_chain_graph())
    ids = dict(zip(ag.actors["name"], ag.actors["id"], strict=True))
    names = {v: k for k, v in ids.items()}
    steps = paths_to(ag, [ids["A"], ids["E"]])
    # C is two steps from both ends: either neighbour is a shortest way; F–G never reach
    assert {names[a]: names[b] for a, b in steps.items() if names[a] != "C"} == {
        "B": "A",
        "D": "E",
    }
    assert names[steps[ids["C"]]] in ("B", "D") and not {ids["F"], ids["G"]} & set(steps)
    assert paths_to(ag, []) == {}


def test_search_of_a_big_graph_keeps_the_best_and_their_steps(
    seed_graph: ClaimGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over its byte budget the index keeps the embedded actors, the best ranked and the steps
    joining them to the drawn part, and says how many actors the graph has."""
    monkeypatch.setattr("ecox.viz.search_index.SEARCH_BYTES", 2_500)
    view = ViewInput.of(seed_graph)
    scores = actor_scores(view.analysis)
    centre = find_actor(view.actors, "瑞安农商银行")
    data = explore_data(view, [centre], scores, per_actor=2)
    search = data["search"]
    names = search["names"].split("\n")
    assert search["of"] == len(view.actors) > len(names) > len(data["drawn"] + data["extra"])
    assert len(search["via"]) == len(names) == len(search["types"])
    # every step points inside the index, so each listed actor can be brought in
    assert all(-1 <= v < len(names) for v in search["via"])
    best = scores.sort_values(["betweenness", "degree"], ascending=False).index[0]
    assert view.actors.set_index("id").loc[best, "name"] in names
    assert "no_match_partial" in data["text"]


def test_spellings_match_pypinyin_styles_on_mixed_text() -> None:
    """One conversion gives what pypinyin's normal and first-letter styles give, text
    without pinyin (Latin letters, digits) kept whole in both."""
    from pypinyin import Style, lazy_pinyin

    for key in ("abc科技2号基金", "温州 vc 银行", "绿色ü基金", "x"):
        expected = (
            ("".join(lazy_pinyin(key)).lower().replace(" ", ""),
             "".join(lazy_pinyin(key, style=Style.FIRST_LETTER)).lower().replace(" ", ""))
            if key != "x" else (None, None)
        )  # fmt: skip
        assert spellings(key) == expected
    assert spellings("abc科技2号基金") == ("abckeji2haojijin", "abckj2hjj")


def test_steps_read_from_one_array_agree_with_lookups() -> None:
    ag = analysis_graph(_chain_graph())
    ids = dict(zip(ag.actors["name"], ag.actors["id"], strict=True))
    steps = paths_to(ag, [ids["A"]])
    every = [str(a) for a in ag.actors["id"]]
    assert steps.of(every) == {a: steps[a] for a in every if a in steps}
    assert len(steps) == 4 and ids["A"] not in steps  # B to E; the drawn actor has no step
    with pytest.raises(KeyError):
        steps[ids["F"]]


def test_ranked_positions_follow_top_actors(seed_graph: ClaimGraph) -> None:
    from ecox.viz.network import top_actors
    from ecox.viz.positions import actor_index, actor_positions, ranked_positions

    view = ViewInput.of(seed_graph)
    scores = actor_scores(view.analysis)
    for by in ("degree", "betweenness", "brokerage"):
        ranked = actor_index(view.analysis)[ranked_positions(view.analysis, scores, by)]
        assert list(ranked) == top_actors(scores, len(scores), by=by)
    with pytest.raises(KeyError, match="nobody"):
        actor_positions(view.analysis, [str(view.actors["id"].iloc[0]), "nobody"])


def test_actor_scores_are_the_broker_tables_numbers(seed_graph: ClaimGraph) -> None:
    from ecox.queries.brokers import brokers

    view = ViewInput.of(seed_graph)
    scores = actor_scores(view.analysis)
    table = brokers(view.analysis).set_index("node").loc[scores.index]
    assert scores["degree"].tolist() == table["degree"].astype(float).tolist()
    assert scores["betweenness"].tolist() == table["broker_score"].tolist()
    assert scores["brokerage"].tolist() == table["brokerage"].astype(float).tolist()
    assert actor_scores(view.analysis) is scores  # computed once per analysis graph


def test_search_budget_ranks_only_the_actors_tied_at_the_cut() -> None:
    """The actors the budget keeps are the first of the full search order (scores, then name,
    then id) whose costs fit, though only those tied at the cut are ranked by text."""
    import numpy as np

    from ecox.viz.search_index import _score_columns, _search_ranking, _within_budget

    rng = np.random.default_rng(3)
    n = 400
    ids = pd.Series([f"a{i:04d}" for i in rng.permutation(n)], dtype=str)
    names = pd.Series([f"名{int(k)}" for k in rng.integers(0, 40, n)], dtype=str)
    scores = pd.DataFrame(
        {"degree": rng.integers(0, 4, n).astype(float),
         "betweenness": rng.choice([0.0, 0.0, 0.5, 1.0], n)},
        index=ids.to_numpy(),
    )  # fmt: skip
    cost = rng.integers(15, 60, n)
    forced = rng.random(n) < 0.1
    full = _search_ranking(scores, ids, names)
    for room in (0, 100, 1_000, 5_000, int(cost.sum())):
        free = full[~forced[full]]
        expected = free[np.cumsum(cost[free]) <= room]
        found = _within_budget(
            np.flatnonzero(~forced), cost, room, _score_columns(scores, ids), (ids, names)
        )
        assert sorted(found.tolist()) == sorted(expected.tolist())
        assert len(found) == len(set(found.tolist()))
