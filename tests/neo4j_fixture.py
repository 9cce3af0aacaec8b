"""pytest plugin: a real Neo4j Community 5.26 server for the tests that need one.

Load it from ``tests/conftest.py`` with ``pytest_plugins = ["tests.neo4j_fixture"]`` (or on
the command line with ``-p tests.neo4j_fixture``). It provides

``neo4j_server`` (session scope)
    A :class:`Neo4jServer`. Unless ``ECOX_NEO4J_URI`` is set, it builds the test server if
    needed (``tests/neo4j_server/build.sh``, Maven), starts it on a free loopback port with a
    fresh data folder, waits until ``RETURN 1`` answers over Bolt and stops it when the session
    ends, also when tests failed. Authentication is **disabled** on that server: ``.auth`` is
    ``None``, and a driver that sends any user name and password is accepted as well.
``neo4j_clean`` (function scope)
    The same server, after deleting every node and relationship and dropping every constraint
    and index (the two token LOOKUP indexes of a fresh database are kept, or put back).
``neo4j_auth_server`` (session scope)
    A second managed server with authentication **on**: user ``neo4j``, password
    :data:`AUTH_PASSWORD` (``.auth``). It is started only when a test asks for it. With
    ``ECOX_NEO4J_URI`` set, it is that server if a password is given, else the tests skip.

Tests that use either fixture get the ``neo4j`` marker automatically, so
``pytest -m "not neo4j"`` skips them.

Environment
-----------
ECOX_NEO4J_URI, ECOX_NEO4J_USER, ECOX_NEO4J_PASSWORD, ECOX_NEO4J_DATABASE
    Use that running server instead of starting one (user defaults to ``neo4j``; with neither
    user nor password set, no authentication is sent). ``neo4j_clean`` wipes it: point this
    only at a throw-away database.
ECOX_NEO4J_JAVA
    The ``java`` executable (default ``$JAVA_HOME/bin/java``, then ``java`` on ``PATH``).
    Neo4j 5.26 supports Java 17 and 21 (tested here on 17; it also started on 25, with
    ``sun.misc.Unsafe`` warnings).
ECOX_NEO4J_HEAP
    Maximum heap for the server JVM (default ``1g``).
ECOX_NEO4J_JAVA_OPTS
    Extra JVM flags, appended last so they win. The server runs with the C1 compiler only
    (``-XX:TieredStopAtLevel=1``): it starts faster on a busy 2-core machine and uses about
    35 MB less memory, but bulk writes run ~3x slower once warm; a benchmark should pass
    ``-XX:TieredStopAtLevel=4`` here.
ECOX_NEO4J_START_TIMEOUT
    Seconds to wait for a start (default 180).

Orphans: the server runs in its own process group with ``--exit-on-stdin-eof`` and its
standard input is a pipe held only by pytest, so when pytest dies, even by SIGKILL, the pipe
closes and the server shuts itself down; a normal end stops it with SIGTERM and then kills
its process group.
"""

from __future__ import annotations

__all__ = [
    "AUTH_PASSWORD",
    "SERVER_DIR",
    "Neo4jServer",
    "Neo4jStartError",
    "build_server",
    "find_free_port",
    "neo4j_auth_server",
    "neo4j_clean",
    "neo4j_server",
    "wipe_database",
]

import atexit
import contextlib
import logging
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import neo4j
import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

logger = logging.getLogger(__name__)

#: Folder of the Maven project that builds the server (pom.xml, src/, build.sh, target/).
SERVER_DIR = Path(__file__).resolve().parent / "neo4j_server"
_TARGET = SERVER_DIR / "target"
_JAR = _TARGET / "neo4j-test-server.jar"
_MAIN_CLASS = "ecox.neo4jtestserver.Main"
_BUILD_TIMEOUT_S = 1200.0
_STOP_TIMEOUT_S = 60.0
_EXIT_PORT_IN_USE = 3
#: Password of the user ``neo4j`` on the managed server started with authentication on.
AUTH_PASSWORD = "ecox-test-secret"
_READY = re.compile(r"^NEO4J_READY port=(\d+) version=(\S+)", re.MULTILINE)

# Flags the upstream launcher passes to the JVM (Neo4j reaches into these JDK internals),
# plus the ones a small, short-lived test server wants.
_JVM_FLAGS = (
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
    "-XX:+UseSerialGC",
    "-XX:TieredStopAtLevel=1",
    "-XX:+ExitOnOutOfMemoryError",
    "-Xss2m",
)

_WIPE_DATA = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
_FRESH_LOOKUPS = {
    "NODE": "CREATE LOOKUP INDEX IF NOT EXISTS FOR (n) ON EACH labels(n)",
    "RELATIONSHIP": "CREATE LOOKUP INDEX IF NOT EXISTS FOR ()-[r]-() ON EACH type(r)",
}

# Processes started by this module and not yet stopped; killed at interpreter exit as a
# last resort (the normal path is the fixture finalizer).
_LIVE: set[subprocess.Popen[bytes]] = set()


class Neo4jStartError(RuntimeError):
    """The test server could not be built or did not become ready (message has the log tail)."""


def find_free_port(host: str = "127.0.0.1") -> int:
    """Return a TCP port on ``host`` that nothing listens on right now.

    The port is only free at the time of the call; :meth:`Neo4jServer.start` retries with a
    new one if the server then finds it taken.

    Examples
    --------
    >>> port = find_free_port()
    >>> 1024 < port < 65536
    True
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def build_server(*, force: bool = False, timeout: float = _BUILD_TIMEOUT_S) -> Path:
    """Build the test server with ``build.sh`` (a no-op when it is up to date).

    Parameters
    ----------
    force : bool
        Rebuild even when ``target/`` is newer than the sources.
    timeout : float
        Seconds allowed for Maven (the first build downloads about 170 MB).

    Returns
    -------
    pathlib.Path
        The server jar; its dependencies are in ``target/lib``.

    Raises
    ------
    Neo4jStartError
        When the build fails; the message carries the end of the build output.

    Examples
    --------
    >>> build_server().name  # doctest: +SKIP
    'neo4j-test-server.jar'
    """
    cmd = ["bash", str(SERVER_DIR / "build.sh"), *(["--force"] if force else [])]
    t0 = time.monotonic()
    try:
        done = subprocess.run(
            cmd,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise Neo4jStartError(f"{' '.join(cmd)} took more than {timeout:.0f} s") from exc
    output = (done.stdout + done.stderr).strip()
    if done.returncode != 0 or not _JAR.is_file():
        raise Neo4jStartError(
            f"building the Neo4j test server failed (exit {done.returncode}):\n{output[-4000:]}"
        )
    logger.info(
        "%s (%.1f s)", output.splitlines()[-1] if output else "built", time.monotonic() - t0
    )
    return _JAR


def _java() -> str:
    explicit = os.environ.get("ECOX_NEO4J_JAVA")
    if explicit:
        return explicit
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").is_file():
        return str(Path(home) / "bin" / "java")
    found = shutil.which("java")
    if not found:
        raise Neo4jStartError("no java found: set ECOX_NEO4J_JAVA or JAVA_HOME (JDK 17 or 21)")
    return found


def _port_free(port: int, host: str = "127.0.0.1") -> bool:
    """Whether ``port`` can be bound now (with SO_REUSEADDR, as the server binds it).

    Examples
    --------
    >>> _port_free(find_free_port())
    True
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def _wait_port_free(port: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not _port_free(port):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.25)
    return True


def _summary(log_text: str) -> str:
    r"""The server's own one-line reason for a failed start, if it printed one.

    Examples
    --------
    >>> _summary("INFO x\nNEO4J_START_FAILED java.io.IOException: locked\n")
    'java.io.IOException: locked'
    >>> _summary("NEO4J_PORT_IN_USE port=7687\n")
    'port 7687 in use'
    >>> _summary("")
    'no reason printed (see the log below)'
    """
    for line in reversed(log_text.splitlines()):
        if line.startswith("NEO4J_START_FAILED "):
            return line.removeprefix("NEO4J_START_FAILED ")
        if line.startswith("NEO4J_PORT_IN_USE port="):
            return f"port {line.removeprefix('NEO4J_PORT_IN_USE port=')} in use"
    return "no reason printed (see the log below)"


def _tail(path: Path, lines: int) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return f"({path} not readable)"
    return "\n".join(text.splitlines()[-lines:])


class Neo4jServer:
    """A Neo4j server for tests: one this module started, or an existing one.

    Parameters
    ----------
    uri : str
        Bolt URI, e.g. ``bolt://127.0.0.1:7687``.
    auth : tuple of (str, str) or None
        Credentials for the driver. A managed server started with ``("neo4j", password)``
        runs with authentication on and that password; with ``None`` authentication is off.
    database : str
        Database the tests use (Community has one user database, ``neo4j``).
    home : pathlib.Path or None
        Data folder of a managed server (``None`` for an external one). ``data/`` and
        ``logs/debug.log`` live below it; ``server.log`` beside it holds the server's output.

    Attributes
    ----------
    managed : bool
        True when this object owns the server process; only then do :meth:`kill`,
        :meth:`restart` and :meth:`stop` work.
    version : str or None
        Neo4j version the managed server reported at start, e.g. ``'5.26.30'``.
    last_start_seconds : float or None
        Wall time of the last start, from launching ``java`` until ``RETURN 1`` answered.

    Examples
    --------
    An existing server (nothing is contacted until a driver is used):

    >>> srv = Neo4jServer("bolt://127.0.0.1:7687", auth=("neo4j", "secret123"))
    >>> srv.uri, srv.database, srv.managed
    ('bolt://127.0.0.1:7687', 'neo4j', False)

    Starting one (what the ``neo4j_server`` fixture does)::

        srv = Neo4jServer.launch(Path(tempfile.mkdtemp()))
        with srv.driver() as drv:
            drv.execute_query("RETURN 1", database_=srv.database)
        srv.stop()
    """

    def __init__(
        self,
        uri: str,
        *,
        auth: tuple[str, str] | None = None,
        database: str = "neo4j",
        home: Path | None = None,
    ) -> None:
        self.uri = uri
        self.auth = auth
        self.database = database
        self.home = home
        self.managed = home is not None
        self.version: str | None = None
        self.last_start_seconds: float | None = None
        self.port: int | None = int(uri.rsplit(":", 1)[1]) if home is not None else None
        self._proc: subprocess.Popen[bytes] | None = None
        self._log_file: IO[bytes] | None = None

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_env(cls) -> Neo4jServer | None:
        """Describe the server named by ``ECOX_NEO4J_URI``, or return ``None`` if it is unset.

        Examples
        --------
        >>> os.environ.get("ECOX_NEO4J_URI") is not None or Neo4jServer.from_env() is None
        True
        """
        uri = os.environ.get("ECOX_NEO4J_URI")
        if not uri:
            return None
        user = os.environ.get("ECOX_NEO4J_USER")
        password = os.environ.get("ECOX_NEO4J_PASSWORD")
        auth = None if user is None and password is None else (user or "neo4j", password or "")
        return cls(uri, auth=auth, database=os.environ.get("ECOX_NEO4J_DATABASE", "neo4j"))

    @classmethod
    def launch(
        cls,
        home: Path,
        *,
        port: int | None = None,
        timeout: float | None = None,
        password: str | None = None,
    ) -> Neo4jServer:
        """Build if needed, then start a server with data folder ``home`` on a loopback port.

        Parameters
        ----------
        home : pathlib.Path
            Data folder; an empty or missing folder gives an empty database.
        port : int, optional
            Bolt port; by default a free one is picked (and re-picked if it was taken).
        timeout : float, optional
            Seconds to wait for ``RETURN 1`` (default ``ECOX_NEO4J_START_TIMEOUT`` or 180).
        password : str, optional
            Switch authentication on: user ``neo4j`` with this password (8 characters or more).

        Returns
        -------
        Neo4jServer
            A running, managed server. Call :meth:`stop` when done.

        Examples
        --------
        >>> srv = Neo4jServer.launch(Path(tempfile.mkdtemp()))  # doctest: +SKIP
        >>> srv.stop()  # doctest: +SKIP
        """
        build_server()
        chosen = port or find_free_port()
        auth = None if password is None else ("neo4j", password)
        server = cls(f"bolt://127.0.0.1:{chosen}", auth=auth, home=Path(home))
        server.start(timeout=timeout, repick_port=port is None)
        return server

    # ------------------------------------------------------------------ driver
    def driver(self, **config: Any) -> neo4j.Driver:
        """Open a driver for this server; the caller closes it (use ``with``).

        Parameters
        ----------
        **config
            Passed to :func:`neo4j.GraphDatabase.driver`; ``connection_timeout`` defaults
            to 10 s so a dead server is noticed quickly.

        Examples
        --------
        >>> srv = Neo4jServer("bolt://127.0.0.1:7687")
        >>> with srv.driver() as drv:  # no connection is made until first use
        ...     type(drv).__name__
        'BoltDriver'
        """
        config.setdefault("connection_timeout", 10.0)
        return GraphDatabase.driver(self.uri, auth=self.auth, **config)

    def query(self, cypher: str, **params: Any) -> list[dict[str, Any]]:
        """Run one auto-commit query on :attr:`database` and return its rows as dicts.

        Examples
        --------
        >>> srv = Neo4jServer("bolt://127.0.0.1:7687")
        >>> srv.query("RETURN 1 AS one")  # doctest: +SKIP
        [{'one': 1}]
        """
        with self.driver() as drv:
            records, _, _ = drv.execute_query(cypher, params, database_=self.database)
        return [r.data() for r in records]

    # ------------------------------------------------------------------ process control
    @property
    def pid(self) -> int | None:
        """Process id of the running managed server, else ``None``."""
        return self._proc.pid if self.running and self._proc is not None else None

    @property
    def running(self) -> bool:
        """Whether the managed server process is alive (always False for an external one)."""
        return self._proc is not None and self._proc.poll() is None

    @property
    def log_path(self) -> Path | None:
        """The file that collects the managed server's standard output and error."""
        return None if self.home is None else self.home.parent / f"{self.home.name}-server.log"

    def log_tail(self, lines: int = 40) -> str:
        """Last lines of the server output and of ``logs/debug.log``, for error messages.

        Examples
        --------
        >>> Neo4jServer("bolt://127.0.0.1:7687").log_tail()
        '(external server: no local log)'
        """
        if self.home is None or self.log_path is None:
            return "(external server: no local log)"
        return (
            f"--- {self.log_path} ---\n{_tail(self.log_path, lines)}\n"
            f"--- {self.home / 'logs' / 'debug.log'} ---\n"
            f"{_tail(self.home / 'logs' / 'debug.log', lines)}"
        )

    def _require_managed(self, what: str) -> Path:
        if self.home is None:
            raise RuntimeError(f"{what}() needs a server started by this fixture, not {self.uri}")
        return self.home

    def start(
        self, *, timeout: float | None = None, repick_port: bool = False, port_wait: float = 15.0
    ) -> None:
        """Start the server process on :attr:`home` and :attr:`port`; return when it answers.

        Parameters
        ----------
        timeout : float, optional
            Seconds to wait for ``RETURN 1`` over Bolt (default ``ECOX_NEO4J_START_TIMEOUT``
            or 180).
        repick_port : bool
            If the port turns out to be taken, choose another free port (first start only).
            Without it (as in :meth:`restart`) the port is kept: the start waits up to
            ``port_wait`` seconds for it to be free and fails if it is not.
        port_wait : float
            See ``repick_port``.

        Raises
        ------
        Neo4jStartError
            The process exited or did not answer in time; the message has the log tail.
        """
        home = self._require_managed("start")
        if self.running:
            raise RuntimeError(f"server already running (pid {self.pid})")
        limit = float(timeout or os.environ.get("ECOX_NEO4J_START_TIMEOUT") or 180.0)
        attempts = 3
        for attempt in range(attempts):
            assert self.port is not None
            if repick_port and not _port_free(self.port):
                self._use_port(find_free_port())
            elif not repick_port and not _wait_port_free(self.port, port_wait):
                raise Neo4jStartError(f"port {self.port} is in use by another process")
            offset = self.log_path.stat().st_size if self.log_path and self.log_path.exists() else 0
            code = self._start_once(home, limit)
            if code is None:
                return
            if code != _EXIT_PORT_IN_USE or attempt == attempts - 1:
                summary = _summary(self._read_log_from(offset))
                raise Neo4jStartError(
                    f"Neo4j test server exited with code {code} during start: {summary}\n"
                    f"{self.log_tail()}"
                )
            logger.warning("port %s was taken when the server bound it; retrying", self.port)
            if repick_port:
                self._use_port(find_free_port())

    def _use_port(self, port: int) -> None:
        self.port = port
        self.uri = f"bolt://127.0.0.1:{port}"

    def _start_once(self, home: Path, limit: float) -> int | None:
        """Launch and wait; ``None`` when ready, else the exit code of the failed process."""
        assert self.log_path is not None and self.port is not None
        cmd = [
            _java(),
            f"-Xmx{os.environ.get('ECOX_NEO4J_HEAP', '1g')}",
            *_JVM_FLAGS,
            *shlex.split(os.environ.get("ECOX_NEO4J_JAVA_OPTS", "")),
            "-cp",
            f"{_JAR}{os.pathsep}{_TARGET / 'lib' / '*'}",
            _MAIN_CLASS,
            "--home",
            str(home),
            "--port",
            str(self.port),
            "--exit-on-stdin-eof",
            *(["--auth-password", self.auth[1]] if self.auth is not None else []),
        ]
        home.mkdir(parents=True, exist_ok=True)
        log_file = self.log_path.open("ab")
        offset = log_file.tell()
        t0 = time.monotonic()
        proc = subprocess.Popen(
            cmd,
            stdin=subprocess.PIPE,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            cwd=home,
        )
        _LIVE.add(proc)
        self._proc, self._log_file = proc, log_file
        logger.info(
            "started Neo4j test server pid %d on port %d, home %s", proc.pid, self.port, home
        )
        deadline = t0 + limit
        ready = False
        while time.monotonic() < deadline:
            code = proc.poll()
            if code is not None:
                self._reap()
                return code
            if not ready:
                match = _READY.search(self._read_log_from(offset))
                if match:
                    ready, self.version = True, match.group(2)
            if ready and self._answers():
                self.last_start_seconds = time.monotonic() - t0
                logger.info("Neo4j %s ready in %.1f s", self.version, self.last_start_seconds)
                return None
            time.sleep(0.2)
        tail = self.log_tail()
        self.kill()
        raise Neo4jStartError(f"Neo4j test server not ready after {limit:.0f} s\n{tail}")

    def _read_log_from(self, offset: int) -> str:
        assert self.log_path is not None
        with self.log_path.open("rb") as fh:
            fh.seek(offset)
            return fh.read().decode("utf-8", errors="replace")

    def _answers(self) -> bool:
        try:
            with self.driver(connection_timeout=5.0) as drv:
                records, _, _ = drv.execute_query("RETURN 1 AS one", database_=self.database)
            return bool(records and records[0]["one"] == 1)
        except (ServiceUnavailable, SessionExpired, Neo4jError, OSError) as exc:
            logger.debug("not answering yet: %s", exc)
            return False

    def wipe(self) -> None:
        """Empty the database; same as :func:`wipe_database` (``neo4j_clean`` calls it)."""
        wipe_database(self)

    def stop(self, timeout: float = _STOP_TIMEOUT_S) -> int | None:
        """Shut the managed server down cleanly (SIGTERM), killing its group if it hangs.

        Returns
        -------
        int or None
            The process exit code (143 after a clean SIGTERM shutdown; -9 if it had to be
            killed), or ``None`` if it was not running.
        """
        proc = self._proc
        if proc is None:
            return None
        code = proc.poll()
        if code is None:
            with contextlib.suppress(ProcessLookupError):
                proc.send_signal(signal.SIGTERM)
            try:
                code = proc.wait(timeout)
            except subprocess.TimeoutExpired:
                logger.warning("Neo4j test server ignored SIGTERM for %.0f s; killing it", timeout)
        self._reap()
        return proc.returncode if code is None else code

    def kill(self) -> None:
        """SIGKILL the managed server's whole process group, as a crash would.

        Open drivers then fail with :class:`neo4j.exceptions.ServiceUnavailable`; data and
        port stay, so :meth:`restart` brings the same database back (after recovery).
        """
        self._require_managed("kill")
        self._reap()

    def restart(self, *, timeout: float | None = None) -> None:
        """Start the server again on the same data folder and port.

        A running server is first stopped cleanly; after :meth:`kill` the store is
        recovered from its transaction log, so committed data survives and uncommitted
        data does not.
        """
        self._require_managed("restart")
        if self.running:
            self.stop()
        self.start(timeout=timeout, repick_port=False)

    def _reap(self) -> None:
        """Kill the process group (if still there), wait for it, close the log handle."""
        proc = self._proc
        if proc is not None:
            if proc.poll() is None:  # once reaped, its pid (= group id) may be reused
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(proc.pid, signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(30)
            if proc.stdin is not None:
                with contextlib.suppress(OSError):
                    proc.stdin.close()
            _LIVE.discard(proc)
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None


def wipe_database(server: Neo4jServer) -> None:
    """Delete all nodes and relationships and drop all constraints and indexes.

    Leaves the database as a fresh one is: empty, with only the node and relationship
    LOOKUP indexes (recreated if a test dropped them).

    Parameters
    ----------
    server : Neo4jServer
        The server whose :attr:`Neo4jServer.database` is wiped.

    Examples
    --------
    >>> wipe_database(Neo4jServer.from_env())  # doctest: +SKIP
    """
    with server.driver() as drv, drv.session(database=server.database) as session:
        session.run(_WIPE_DATA).consume()
        for rec in session.run("SHOW CONSTRAINTS YIELD name").data():
            session.run(f"DROP CONSTRAINT {_quote(rec['name'])} IF EXISTS").consume()
        lookups: set[str] = set()
        for rec in session.run("SHOW INDEXES YIELD name, type, entityType").data():
            if rec["type"] == "LOOKUP":
                lookups.add(rec["entityType"])
            else:
                session.run(f"DROP INDEX {_quote(rec['name'])} IF EXISTS").consume()
        for entity, create in _FRESH_LOOKUPS.items():
            if entity not in lookups:
                session.run(create).consume()


def _quote(name: str) -> str:
    """Backtick-quote a schema name for Cypher.

    Examples
    --------
    >>> _quote("a`b")
    '`a``b`'
    """
    return "`" + name.replace("`", "``") + "`"


@atexit.register
def _kill_leftovers() -> None:
    for proc in list(_LIVE):
        if proc.poll() is not None:
            continue
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)


# ---------------------------------------------------------------------- pytest hooks
def pytest_configure(config: pytest.Config) -> None:
    """Register the ``neo4j`` marker (also declared in pyproject.toml)."""
    config.addinivalue_line("markers", "neo4j: needs the real Neo4j test server")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that uses the Neo4j fixtures with ``neo4j``."""
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        uses_server = names & {"neo4j_server", "neo4j_clean", "neo4j_auth_server"}
        if uses_server and not item.get_closest_marker("neo4j"):
            item.add_marker(pytest.mark.neo4j)


@pytest.fixture(scope="session")
def neo4j_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Neo4jServer]:
    """The session's Neo4j server (see the module docstring); stopped at session end."""
    external = Neo4jServer.from_env()
    if external is not None:
        with external.driver() as drv:
            drv.verify_connectivity()
        yield external
        return
    yield _start_managed(request, tmp_path_factory, "neo4j", auth=None)


@pytest.fixture
def neo4j_clean(neo4j_server: Neo4jServer) -> Neo4jServer:
    """The session's server with an empty database; restarts it if a test left it dead."""
    if neo4j_server.managed and not neo4j_server.running:
        logger.warning("Neo4j test server was down before this test; restarting it")
        neo4j_server.restart()
    wipe_database(neo4j_server)
    return neo4j_server


@pytest.fixture(scope="session")
def neo4j_auth_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Neo4jServer]:
    """A server with authentication on (see the module docstring); stopped at session end."""
    external = Neo4jServer.from_env()
    if external is not None:
        if external.auth is None:
            pytest.skip("ECOX_NEO4J_URI is set without ECOX_NEO4J_PASSWORD: no server with auth")
        yield external
        return
    yield _start_managed(request, tmp_path_factory, "neo4j-auth", auth=("neo4j", AUTH_PASSWORD))


def _start_managed(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    folder: str,
    auth: tuple[str, str] | None,
) -> Neo4jServer:
    """Build if needed and start a server in a fresh temporary folder, stopped at session end."""
    build_server()
    home = tmp_path_factory.mktemp(folder) / "home"
    server = Neo4jServer(f"bolt://127.0.0.1:{find_free_port()}", auth=auth, home=home)
    request.addfinalizer(server.stop)
    server.start(repick_port=True)
    return server
