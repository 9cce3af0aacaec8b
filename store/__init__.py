"""Where graphs are kept: graph files (JSON, GraphML, GEXF, CSV tables) and Neo4j.

Storage sits between the model and the loaders: loaders read what users bring,
``ecox.store`` writes and reads back what ecox itself keeps. Every file is
written through :mod:`ecox.store.safe_write`; CSV cells through
:mod:`ecox.store.spreadsheet`.
"""

from ecox.store.files import from_json, read_graph, to_json

__all__ = ["from_json", "read_graph", "to_json"]
