"""A connection to a Neo4j server: driver, database, and one-line reasons when it fails.

Examples
--------
>>> conn = connect("bolt://127.0.0.1:7687", database="neo4j")
>>> conn.database, conn.uri
('neo4j', 'bolt://127.0.0.1:7687')
>>> as_connection(conn, None) is conn
True
>>> conn.close()
"""

from __future__ import annotations

__all__ = ["Neo4jConnection", "as_connection", "connect"]

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

import neo4j
from neo4j import GraphDatabase
from neo4j.exceptions import (
    AuthError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)


@dataclass
class Neo4jConnection:
    """A driver and the database to use on it; close it (or use ``with``) when done.

    Attributes
    ----------
    driver : neo4j.Driver
        The official driver.
    database : str or None
        Database name; ``None`` means the server's default database.
    uri : str
        Where the driver points, for messages.

    Examples
    --------
    >>> conn = connect("bolt://127.0.0.1:7687", database="neo4j")
    >>> conn.database, conn.uri
    ('neo4j', 'bolt://127.0.0.1:7687')
    >>> conn.close()
    """

    driver: neo4j.Driver
    database: str | None = None
    uri: str = ""
    _owned: bool = field(default=True, repr=False)

    def close(self) -> None:
        """Close the driver if this connection opened it."""
        if self._owned:
            self.driver.close()

    def __enter__(self) -> Neo4jConnection:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def run(self, query: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run one read-or-write query in a managed transaction; rows as dicts.

        Examples
        --------
        >>> conn = connect("bolt://127.0.0.1:7687")
        >>> conn.run("RETURN $x AS x", {"x": 1})  # doctest: +SKIP
        [{'x': 1}]
        """
        records, _, _ = self.driver.execute_query(
            query, dict(params or {}), database_=self.database
        )
        return [r.data() for r in records]

    @contextmanager
    def failures_as_connection_error(self) -> Iterator[None]:
        """Turn "unreachable" and "login refused" driver errors into one ``ConnectionError``.

        Examples
        --------
        >>> conn = connect("bolt://db.example:7687")
        >>> with conn.failures_as_connection_error():
        ...     raise ServiceUnavailable("Connection refused")
        Traceback (most recent call last):
        ...
        ConnectionError: cannot reach Neo4j at bolt://db.example:7687: Connection refused
        >>> conn.close()
        """
        try:
            yield
        except (Neo4jError, DriverError, OSError) as error:
            unavailable = isinstance(error, ServiceUnavailable | SessionExpired | OSError)
            refused = isinstance(error, Neo4jError) and _is_security_error(error)
            if not (unavailable or refused):
                raise
            raise ConnectionError(self.describe(error)) from error

    def read(
        self, query: str, params: Mapping[str, Any] | None = None
    ) -> tuple[list[neo4j.Record], list[str]]:
        """Run one query with read access (followers of a cluster); records and column names.

        Raises
        ------
        ConnectionError
            The server cannot be reached or refuses the credentials (see :meth:`describe`).

        Examples
        --------
        >>> conn = connect("bolt://127.0.0.1:7687")
        >>> records, keys = conn.read("RETURN 1 AS one")  # doctest: +SKIP
        >>> keys  # doctest: +SKIP
        ['one']
        """
        with self.failures_as_connection_error():
            records, _summary, keys = self.driver.execute_query(
                query,
                dict(params or {}),
                database_=self.database,
                routing_=neo4j.RoutingControl.READ,
            )
        return list(records), list(keys)

    def describe(self, error: Exception) -> str:
        """One line saying why the server could not be used (unreachable, credentials).

        Examples
        --------
        >>> conn = connect("bolt://db.example:7687")
        >>> conn.describe(OSError("Connection refused"))
        'cannot reach Neo4j at bolt://db.example:7687: Connection refused'
        >>> conn.close()
        """
        where = self.uri or "the Neo4j server"
        if isinstance(error, Neo4jError) and _is_security_error(error):
            return f"Neo4j at {where} refused the credentials ({error.message})"
        detail = " ".join(str(error).split())[:300]
        return f"cannot reach Neo4j at {where}: {detail}"


def connect(
    uri: str | None = None,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    **config: Any,
) -> Neo4jConnection:
    """Open a driver from explicit values, falling back to ``NEO4J_*`` variables.

    Parameters
    ----------
    uri : str, optional
        ``bolt://host:7687`` (one server), ``neo4j://host:7687`` (a cluster, with
        routing) or ``neo4j+s://xxxx.databases.neo4j.io`` (Aura, TLS); default
        ``NEO4J_URI``, else ``neo4j://localhost:7687``.
    user, password : str, optional
        Default ``NEO4J_USER`` (else ``neo4j``) and ``NEO4J_PASSWORD``. With neither
        a user nor a password given anywhere, no authentication is sent.
    database : str, optional
        Default ``NEO4J_DATABASE``, else the server's default database.
    environ : mapping, optional
        Where to read the variables (default ``os.environ``).
    **config
        Passed to :func:`neo4j.GraphDatabase.driver`.

    Returns
    -------
    Neo4jConnection
        Nothing is contacted until the first query.

    Examples
    --------
    >>> conn = connect(environ={"NEO4J_URI": "bolt://db:7687", "NEO4J_DATABASE": "eco"})
    >>> conn.uri, conn.database
    ('bolt://db:7687', 'eco')
    >>> conn.close()
    """
    env = os.environ if environ is None else environ
    uri = uri or env.get("NEO4J_URI") or "neo4j://localhost:7687"
    user = user if user is not None else env.get("NEO4J_USER")
    password = password if password is not None else env.get("NEO4J_PASSWORD")
    database = database or env.get("NEO4J_DATABASE") or None
    auth = None if user is None and password is None else (user or "neo4j", password or "")
    config.setdefault("connection_timeout", 15.0)
    driver = GraphDatabase.driver(uri, auth=auth, **config)
    return Neo4jConnection(driver=driver, database=database, uri=uri)


def as_connection(target: Neo4jConnection | neo4j.Driver, database: str | None) -> Neo4jConnection:
    """A :class:`Neo4jConnection` for a connection or a bare driver, on ``database``.

    The result does not close a driver it did not open; ``database=None`` keeps the
    connection's own database.

    Examples
    --------
    >>> conn = connect("bolt://127.0.0.1:7687")
    >>> as_connection(conn, "other").database
    'other'
    >>> as_connection("bolt://x", None)
    Traceback (most recent call last):
    ...
    TypeError: expected a Neo4jConnection or a neo4j.Driver, got str
    >>> conn.close()
    """
    if isinstance(target, Neo4jConnection):
        if database is None:
            return target
        return Neo4jConnection(target.driver, database, target.uri, _owned=False)
    if isinstance(target, neo4j.Driver):
        return Neo4jConnection(target, database, "", _owned=False)
    raise TypeError(f"expected a Neo4jConnection or a neo4j.Driver, got {type(target).__name__}")


def _is_security_error(error: Neo4jError) -> bool:
    """A login refused: wrong credentials, or too many wrong ones in a row (rate limit)."""
    return isinstance(error, AuthError) or (error.code or "").startswith(
        "Neo.ClientError.Security.Auth"
    )
