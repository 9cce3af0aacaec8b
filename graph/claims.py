"""The claim graph: actors and every reported relationship, as two tables.

One row of ``claims`` is one relationship as one source reported it, keyed by
a stable claim id, with flat provenance (Neo4j stores no nested maps). The
networkx ``MultiDiGraph`` is derived on demand; the analysis graph
(:mod:`graph.analysis`) merges claims of the same pair and type.

Examples
--------
>>> g = ClaimGraph.build(
...     actors=[("瑞安农商银行", ["Bank"], []), ("温州数智新能源有限公司", ["Enterprise"], [])],
...     claims=[{"source": "瑞安农商银行", "target": "温州数智新能源有限公司",
...              "type": "LENT_TO", "amount": 15_000_000, "currency": "CNY",
...              "source_doc": "report-1"}],
... )
>>> len(g.actors), len(g.claims)
(2, 1)
>>> g.to_networkx().number_of_edges()
1
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from ecox.graph.identity import Resolver, claim_id
from ecox.graph.schema import CLAIM_COLUMNS, SCHEMA

__all__ = [
    "ACTOR_COLUMNS",
    "ClaimGraph",
    "actor_frame",
    "claim_frame",
    "plain_value",
    "split_field",
]

#: Columns of the actor table; ``types`` and ``aliases`` are ``|``-joined, primary type first.
ACTOR_COLUMNS: tuple[str, ...] = ("id", "name", "types", "aliases")

_FLOAT_COLUMNS = ("amount", "confidence")
_INT_COLUMNS = ("span_start", "span_end")
#: The provenance fields that, with the endpoints and the type, make a claim distinct.
_PROVENANCE = ("source_doc", "date", "amount", "currency", "evidence", "span_start", "extractor")


def actor_frame(rows: Iterable[Mapping[str, Any]] = ()) -> pd.DataFrame:
    """An actor table with the standard columns and dtypes, sorted by id."""
    frame = pd.DataFrame(list(rows), columns=list(ACTOR_COLUMNS))
    frame = frame.astype(dict.fromkeys(ACTOR_COLUMNS, "string"))
    frame["aliases"] = frame["aliases"].fillna("")
    return frame.sort_values("id", ignore_index=True)


def claim_frame(rows: Iterable[Mapping[str, Any]] | pd.DataFrame = ()) -> pd.DataFrame:
    """A claim table with the standard columns and dtypes, sorted by id.

    Missing columns are added empty; amounts and confidences are floats, span
    offsets nullable integers, everything else nullable strings.
    """
    frame = rows.copy() if isinstance(rows, pd.DataFrame) else pd.DataFrame(list(rows))
    for column in CLAIM_COLUMNS:
        if column not in frame.columns:
            frame[column] = pd.NA
    frame = frame[list(CLAIM_COLUMNS)]
    dtypes: dict[str, str] = {}
    for column in CLAIM_COLUMNS:
        if column in _FLOAT_COLUMNS:
            frame[column] = pd.to_numeric(frame[column], errors="raise")
            dtypes[column] = "Float64"
        elif column in _INT_COLUMNS:
            frame[column] = pd.to_numeric(frame[column], errors="raise")
            dtypes[column] = "Int64"
        else:
            dtypes[column] = "string"
    frame = frame.astype(dtypes)
    return frame.sort_values("id", ignore_index=True)


@dataclass(frozen=True)
class ClaimGraph:
    """Actors and claims as two tables.

    Attributes
    ----------
    actors
        ``id, name, types, aliases`` (``types`` and ``aliases`` joined by ``|``,
        the primary type first), sorted by id.
    claims
        :data:`graph.schema.CLAIM_COLUMNS`, sorted by id; ``source`` and
        ``target`` are actor ids.
    """

    actors: pd.DataFrame
    claims: pd.DataFrame

    @classmethod
    def build(
        cls,
        actors: Iterable[tuple[str, Iterable[str], Iterable[str]]],
        claims: Iterable[Mapping[str, Any]],
        resolver: Resolver | None = None,
    ) -> ClaimGraph:
        """Resolve ``(name, types, aliases)`` actors and name-keyed claims into a graph.

        Claim endpoints may be names, aliases or ids known to the resolver.
        Claims with the same id (the same relationship from the same
        provenance) are kept once. Endpoint types are checked against the schema.
        """
        resolver = resolver or Resolver()
        for name, types, aliases in actors:
            resolver.add(name, types, aliases)
        rows = []
        for claim in claims:
            row = dict(claim)
            for end in ("source", "target"):
                found = resolver.resolve(str(row[end]))
                if found is None:
                    raise ValueError(f"claim endpoint {row[end]!r} is not a known actor")
                row[end] = found
            rows.append(row)
        return cls.from_tables(_resolver_actors(resolver), rows)

    @classmethod
    def from_tables(
        cls, actors: pd.DataFrame, claims: Iterable[Mapping[str, Any]] | pd.DataFrame
    ) -> ClaimGraph:
        """Assemble from an actor table and id-keyed claim rows, adding claim ids."""
        frame = claim_frame(claims)
        if len(frame):
            missing = frame["id"].isna()
            if missing.any():
                frame.loc[missing, "id"] = _claim_ids(frame[missing])
            frame = frame.drop_duplicates("id").sort_values("id", ignore_index=True)
        graph = cls(actor_frame(actors.to_dict("records")), frame)
        graph.validate()
        return graph

    def validate(self) -> None:
        """Raise ``ValueError`` if a claim has an unknown endpoint, type or forbidden pair."""
        ids = set(self.actors["id"])
        if len(ids) != len(self.actors):
            raise ValueError("duplicate actor ids")
        if not len(self.claims):
            return
        unknown = sorted(set(self.claims["type"]) - SCHEMA.edges.keys())
        if unknown:
            raise ValueError(f"unknown relation types {unknown}")
        dangling = ~self.claims["source"].isin(ids) | ~self.claims["target"].isin(ids)
        if dangling.any():
            raise ValueError(f"{int(dangling.sum())} claims have an endpoint that is not an actor")
        types = self.types_by_id()
        pairs = self.claims[["type", "source", "target"]].drop_duplicates()
        for rel, src, tgt in pairs.itertuples(index=False):
            if not SCHEMA.allows(rel, types[src], types[tgt]):
                raise ValueError(SCHEMA.why_not(rel, types[src], types[tgt]))

    def types_by_id(self) -> dict[str, list[str]]:
        """Actor id → list of types, primary first."""
        return {
            actor: str(types).split("|")
            for actor, types in zip(self.actors["id"], self.actors["types"], strict=True)
        }

    def to_networkx(self) -> nx.MultiDiGraph:
        """The claim graph as a ``MultiDiGraph``: one edge per claim, keyed by claim id.

        Node attributes: ``name``, ``type`` (primary), ``types`` and ``aliases``
        (``|``-joined). Edge attributes: every non-empty claim column.
        """
        graph = nx.MultiDiGraph()
        for row in self.actors.itertuples(index=False):
            graph.add_node(
                row.id,
                name=row.name,
                type=str(row.types).split("|")[0],
                types=row.types,
                aliases=row.aliases,
            )
        for record in self.claims.to_dict("records"):
            attrs = {
                k: v for k, v in ((k, plain_value(v)) for k, v in record.items()) if v is not None
            }
            graph.add_edge(record["source"], record["target"], key=record["id"], **attrs)
        return graph

    def merge(self, other: ClaimGraph) -> ClaimGraph:
        """Union of two claim graphs, resolving actors by name and alias."""
        resolver = Resolver()
        remap: dict[str, str] = {}
        for graph in (self, other):
            for row in graph.actors.itertuples(index=False):
                aliases = [a for a in str(row.aliases).split("|") if a]
                remap[row.id] = resolver.add(row.name, str(row.types).split("|"), aliases)
        claims = pd.concat([self.claims, other.claims], ignore_index=True)
        claims["source"] = claims["source"].map(lambda a: resolver.resolve(remap[a]))
        claims["target"] = claims["target"].map(lambda a: resolver.resolve(remap[a]))
        claims["id"] = _claim_ids(claims)
        return ClaimGraph.from_tables(_resolver_actors(resolver), claims)

    def equals(self, other: object) -> bool:
        """Same actors and same claims, cell for cell."""
        if not isinstance(other, ClaimGraph):
            return False
        return self.actors.equals(other.actors) and self.claims.equals(other.claims)

    def __eq__(self, other: object) -> bool:
        return self.equals(other)

    __hash__ = None  # type: ignore[assignment]


def _resolver_actors(resolver: Resolver) -> pd.DataFrame:
    return actor_frame(
        {
            "id": a.id,
            "name": a.name,
            "types": "|".join(a.types),
            "aliases": "|".join(a.aliases),
        }
        for a in resolver.actors.values()
    )


def _claim_ids(frame: pd.DataFrame) -> list[str]:
    columns = [frame[c].astype("string").fillna("") for c in ("source", "target", "type")]
    columns += [frame[c].astype("string").fillna("") for c in _PROVENANCE]
    return [claim_id(*values) for values in zip(*columns, strict=True)]


def plain_value(value: Any) -> Any:
    """A table cell as a plain Python value: ``None`` when missing, numpy scalars unboxed.

    >>> plain_value(np.int64(3)), plain_value(pd.NA), plain_value(float("nan"))
    (3, None, None)
    """
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


def split_field(text: Any) -> list[str]:
    """A ``|``-joined cell (``types``, ``aliases``) as a list; empty for a missing cell.

    >>> split_field("Scientist|Entrepreneur"), split_field(None)
    (['Scientist', 'Entrepreneur'], [])
    """
    text = plain_value(text)
    return [] if text is None or text == "" else str(text).split("|")
