"""One query interface over the in-memory graph and over Neo4j.

A :class:`Backend` answers Cypher (:meth:`~Backend.cypher`), the named queries
shipped in ``queries/named/*.cypher`` (:meth:`~Backend.named`) and hands over
the whole claim graph for the analyses Cypher does not do well
(:meth:`~Backend.claim_graph`, a pull on Neo4j). Both implementations return
the same columns, in ``RETURN`` order; nodes and relationships come back as
dicts of their properties.

Examples
--------
>>> import ecox
>>> mem = InMemoryBackend(ecox.seed())
>>> sorted(named_queries())[:3]
['complete_triads', 'cross_type_brokers', 'direct_relations']
>>> mem.named("cross_type_brokers", top=3).columns.tolist()
['node', 'name', 'cross_type_claims']
>>> len(mem.claim_graph().actors)
101
"""

from __future__ import annotations

__all__ = [
    "Backend",
    "InMemoryBackend",
    "NamedQuery",
    "Neo4jBackend",
    "as_claim_graph",
    "named_queries",
    "named_query",
]

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from ecox.graph.claims import ClaimGraph
from ecox.graph.errors import InputError
from ecox.queries.catalogue import NamedQuery, named_queries, named_query, run_named
from ecox.queries.cypher import run_cypher

if TYPE_CHECKING:  # the Neo4j driver loads only when a Neo4jBackend is made (fast start-up)
    import neo4j
    import pandas as pd

    from ecox.store.neo4j import Neo4jConnection


@runtime_checkable
class Backend(Protocol):
    """What every backend answers."""

    def cypher(self, query: str, params: Mapping[str, Any] | None = None) -> pd.DataFrame:
        """Run a read-only Cypher query; columns in RETURN order."""
        ...

    def named(self, name: str, **params: Any) -> pd.DataFrame:
        """Run a named query from ``queries/named``."""
        ...

    def claim_graph(self) -> ClaimGraph:
        """The whole claim graph, for analyses done in Python."""
        ...


class InMemoryBackend:
    """The embedded engine (LadybugDB with Neo4j's semantics) over a claim graph.

    Cypher and the named queries run on the graph's store, built on first use and
    cached (:mod:`ecox.store.embedded`); a named query runs its ``.cypher`` file
    unchanged, as on Neo4j.

    Parameters
    ----------
    graph : ClaimGraph
        The graph to query.

    Examples
    --------
    >>> from ecox.graph.claims import ClaimGraph
    >>> g = ClaimGraph.build([("甲基金", ["Fund"], []), ("乙公司", ["Enterprise"], [])],
    ...                      [{"source": "甲基金", "target": "乙公司", "type": "INVESTED_IN"}])
    >>> InMemoryBackend(g).named("unfunded_enterprises").empty
    True
    """

    def __init__(self, graph: ClaimGraph) -> None:
        self.graph = graph

    def cypher(self, query: str, params: Mapping[str, Any] | None = None) -> pd.DataFrame:
        """Run Cypher on the embedded engine (:func:`queries.cypher.run_cypher`)."""
        return run_cypher(self.graph, query, params)

    def named(self, name: str, **params: Any) -> pd.DataFrame:
        """Run a named query's Cypher on the embedded engine."""
        return run_named(self.cypher, name, params)

    def claim_graph(self) -> ClaimGraph:
        """The graph itself."""
        return self.graph


class Neo4jBackend:
    """A Neo4j database holding an ecox graph (pushed with :func:`ecox.store.neo4j.push`).

    :meth:`cypher` and :meth:`named` run on the whole database, as Neo4j runs them: with
    other data or several ecox graphs there, they see those too. :meth:`claim_graph`
    reads one ecox graph only.

    Parameters
    ----------
    driver : Neo4jConnection or neo4j.Driver
        Where to query (the caller keeps ownership and closes it).
    database : str, optional
        Database name (default: the connection's, else the server default).
    graph_name : str, optional
        The ecox graph :meth:`claim_graph` reads (default: the only one in the database).

    Examples
    --------
    >>> from ecox.store.neo4j import connect
    >>> backend = Neo4jBackend(connect("bolt://127.0.0.1:7687"))
    >>> backend.named("complete_triads")  # doctest: +SKIP
    """

    def __init__(
        self,
        driver: Neo4jConnection | neo4j.Driver,
        database: str | None = None,
        graph_name: str | None = None,
    ) -> None:
        from ecox.store.neo4j import as_connection

        self.connection = as_connection(driver, database)
        self.graph_name = graph_name

    def cypher(self, query: str, params: Mapping[str, Any] | None = None) -> pd.DataFrame:
        """Run Cypher on the server (read access mode); values converted to plain Python.

        Raises
        ------
        InputError
            The server refused the query (syntax, a write in read mode, a missing
            parameter …): ``Neo4j: `` and the server's message, which quotes the query.
        """
        import pandas as pd
        from neo4j.exceptions import ClientError

        try:
            records, keys = self.connection.read(query, params)
        except ClientError as error:  # the query is the user's to fix
            raise InputError(f"Neo4j: {error.message or error}") from error
        rows = [[_plain(v) for v in record.values()] for record in records]
        frame = pd.DataFrame(rows, columns=list(keys))
        return frame.astype(object) if frame.empty else frame

    def named(self, name: str, **params: Any) -> pd.DataFrame:
        """Run a named query on the server."""
        return run_named(self.cypher, name, params)

    def claim_graph(self) -> ClaimGraph:
        """Pull the ecox graph from the server."""
        from ecox.store.neo4j import pull

        return pull(self.connection, graph_name=self.graph_name)


def as_claim_graph(graph_or_backend: ClaimGraph | Backend) -> ClaimGraph:
    """A claim graph from a graph or any backend (pulls from Neo4j).

    Examples
    --------
    >>> import ecox
    >>> g = ecox.seed()
    >>> as_claim_graph(InMemoryBackend(g)) is g
    True
    """
    if isinstance(graph_or_backend, ClaimGraph):
        return graph_or_backend
    return graph_or_backend.claim_graph()


def _plain(value: Any) -> Any:
    import neo4j

    if isinstance(value, neo4j.graph.Node | neo4j.graph.Relationship):
        return dict(value.items())
    if isinstance(value, neo4j.graph.Path):
        return [dict(n.items()) for n in value.nodes]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
