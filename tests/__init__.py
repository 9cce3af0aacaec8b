"""ecox's test suite (a package so that ``tests.neo4j_fixture`` can be loaded as a plugin)."""

__all__: list[str] = []
