"""The package's layers import only downwards, and no modules import each other in a circle.

Layers, lowest first: ``ecox.graph`` (the model), ``ecox.store`` (graph files and Neo4j),
``ecox.loaders`` (what users bring), ``ecox.queries`` (answers), ``ecox.viz`` (pages),
then the front door (``ecox`` and its CLI). Imports inside ``if TYPE_CHECKING:`` never run
and are left out; imports inside functions run and count.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

REPO = Path(__file__).resolve().parents[1]
LAYERS = ("graph", "store", "loaders", "queries", "viz")
FRONT_DOOR = len(LAYERS)


def _module_name(folder: str, path: Path) -> str:
    parts = path.relative_to(REPO / folder).with_suffix("").parts
    prefix = ["ecox"] if folder == "ecox" else ["ecox", folder]
    return ".".join([*prefix, *parts]).removesuffix(".__init__")


def _runtime_imports(tree: ast.AST) -> list[str]:
    found: list[str] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("ecox"):
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found.extend(a.name for a in node.names if a.name.startswith("ecox"))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def _import_graph() -> nx.DiGraph:
    graph = nx.DiGraph()
    for folder in ("ecox", *LAYERS):
        for path in sorted((REPO / folder).rglob("*.py")):
            module = _module_name(folder, path)
            graph.add_node(module)
            for imported in _runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
                graph.add_edge(module, imported)
    return graph


def _layer(module: str) -> int:
    parts = module.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 1 and parts[1] in LAYERS else FRONT_DOOR


def test_imports_run_only_downwards() -> None:
    upward = [(u, v) for u, v in _import_graph().edges if _layer(u) < _layer(v)]
    assert upward == []


def test_no_import_cycles() -> None:
    graph = _import_graph()
    graph.remove_edges_from([(u, v) for u, v in graph.edges if u.startswith(v + ".")])
    assert sorted(nx.simple_cycles(graph)) == []


def test_the_checks_see_the_package() -> None:
    graph = _import_graph()
    assert {"ecox.graph.claims", "ecox.queries.brokers", "ecox.store.neo4j"} <= set(graph)
    assert graph.has_edge("ecox.queries.backend", "ecox.queries.cypher")


def test_the_architecture_page_names_every_module() -> None:
    page = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    missing = [
        f"{folder}/{path.relative_to(REPO / folder)}"
        for folder in ("ecox", *LAYERS)
        for path in sorted((REPO / folder).rglob("*.py"))
        if path.name != "__init__.py" and f"`{path.name}`" not in page
    ]
    assert missing == []
