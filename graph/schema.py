"""The ecox vocabulary: node types, relation types and their endpoint rules.

``schema.yaml`` beside this module is the single source; :class:`NodeType` and
:class:`EdgeType` mirror it (``tests/test_schema.py`` keeps them in step).

Examples
--------
>>> from ecox.graph.schema import SCHEMA, EdgeType, NodeType
>>> SCHEMA.allows(EdgeType.LENT_TO, ["Bank"], ["Enterprise"])
True
>>> SCHEMA.allows(EdgeType.LENT_TO, ["Scientist"], ["Park"])
False
>>> SCHEMA.edge(EdgeType.COOPERATES_WITH).symmetric
True
>>> SCHEMA.role("investor").types
('Investor', 'Fund', 'Bank')
>>> SCHEMA.group("research")
('Scientist', 'Institute')
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from importlib import resources

import yaml

__all__ = [
    "CLAIM_COLUMNS",
    "SCHEMA",
    "TYPE_LABELS",
    "EdgeSpec",
    "EdgeType",
    "NodeSpec",
    "NodeType",
    "RoleSpec",
    "Schema",
]


class _Name(StrEnum):
    """A vocabulary name that is its string everywhere, in ``repr`` too.

    >>> NodeType.BANK == "Bank", repr(NodeType.BANK), [EdgeType.LENT_TO]
    (True, "'Bank'", ['LENT_TO'])
    """

    def __repr__(self) -> str:
        return repr(self.value)


class NodeType(_Name):
    """Actor types; the values are the Neo4j labels."""

    SCIENTIST = "Scientist"
    ENTREPRENEUR = "Entrepreneur"
    PERSON = "Person"
    ENTERPRISE = "Enterprise"
    INVESTOR = "Investor"
    FUND = "Fund"
    BANK = "Bank"
    PARK = "Park"
    INSTITUTE = "Institute"
    GOVERNMENT = "Government"
    PLATFORM = "Platform"


class EdgeType(_Name):
    """Relation types; the values are the Neo4j relationship types."""

    FOUNDED = "FOUNDED"
    LEADS = "LEADS"
    AFFILIATED_WITH = "AFFILIATED_WITH"
    INVESTED_IN = "INVESTED_IN"
    LENT_TO = "LENT_TO"
    COMMITTED_TO = "COMMITTED_TO"
    MANAGES = "MANAGES"
    LOCATED_IN = "LOCATED_IN"
    ACQUIRED = "ACQUIRED"
    TRANSFERRED_TECH = "TRANSFERRED_TECH"
    COOPERATES_WITH = "COOPERATES_WITH"
    SERVES = "SERVES"
    BRANCH_OF = "BRANCH_OF"


#: The flat properties of every claim, in storage order. A claim may leave one side
#: unnamed (``source`` or ``target`` is ``""``): ``counterpart_type`` then names the
#: unnamed side's node type and ``counterpart_count`` how many the report counts
#: (see :mod:`graph.unnamed`); both are empty on a claim between two named actors.
CLAIM_COLUMNS: tuple[str, ...] = (
    "id",
    "source",
    "target",
    "type",
    "amount",
    "currency",
    "date",
    "source_doc",
    "outlet",
    "published",
    "evidence",
    "span_start",
    "span_end",
    "extractor",
    "confidence",
    "counterpart_type",
    "counterpart_count",
)


@dataclass(frozen=True)
class NodeSpec:
    """One node type as ``schema.yaml`` describes it."""

    name: str
    group: str
    description: str
    colour: str
    shape: str
    label: dict[str, str]
    measure_zh: str


@dataclass(frozen=True)
class EdgeSpec:
    """One relation type: allowed endpoint types and whether it is symmetric."""

    name: str
    description: str
    cues: tuple[str, ...]
    source: frozenset[str]
    target: frozenset[str]
    symmetric: bool
    colour: str
    label: dict[str, str]


@dataclass(frozen=True)
class RoleSpec:
    """One venture role: who holds it (types), by which ties, and who can credibly take it.

    ``able_types`` always can; another holder type can when it has one of
    ``able_ties`` (either direction) to an actor of ``able_partners``. Without
    an ``able`` block in the YAML every holder type is able.
    """

    name: str
    label_zh: str
    types: tuple[str, ...]
    relations: tuple[str, ...]
    needs: str
    needs_zh: str
    able_types: tuple[str, ...]
    able_ties: tuple[str, ...]
    able_partners: tuple[str, ...]
    weak: str
    weak_zh: str

    @classmethod
    def parse(cls, name: str, spec: dict) -> RoleSpec:
        """The role ``name`` from its YAML mapping."""
        able = spec.get("able", {})
        types = tuple(spec["types"])
        return cls(
            name=name,
            label_zh=spec["label_zh"],
            types=types,
            relations=tuple(spec["relations"]),
            needs=spec["needs"],
            needs_zh=spec["needs_zh"],
            able_types=tuple(able.get("types", types)),
            able_ties=tuple(able.get("ties", ())),
            able_partners=tuple(able.get("partners", ())),
            weak=able.get("weak", ""),
            weak_zh=able.get("weak_zh", ""),
        )


class Schema:
    """The vocabulary loaded from YAML text.

    Parameters
    ----------
    text
        The YAML document (``schema.yaml``'s layout).
    """

    def __init__(self, text: str) -> None:
        raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        self.nodes: dict[str, NodeSpec] = {
            name: NodeSpec(
                name=name,
                group=spec["group"],
                description=spec["description"],
                colour=spec["colour"],
                shape=spec["shape"],
                label=dict(spec["label"]),
                measure_zh=spec["measure_zh"],
            )
            for name, spec in raw["node_types"].items()
        }
        self.edges: dict[str, EdgeSpec] = {
            name: EdgeSpec(
                name=name,
                description=spec["description"],
                cues=tuple(spec.get("cues", ())),
                source=frozenset(spec["source"]),
                target=frozenset(spec["target"]),
                symmetric=bool(spec["symmetric"]),
                colour=spec["colour"],
                label=dict(spec["label"]),
            )
            for name, spec in raw["edge_types"].items()
        }
        self.groups: dict[str, tuple[str, ...]] = {
            name: tuple(types) for name, types in raw.get("type_groups", {}).items()
        }
        self.roles: dict[str, RoleSpec] = {
            name: RoleSpec.parse(name, spec) for name, spec in raw.get("roles", {}).items()
        }
        self._check()

    def _check(self) -> None:
        for edge in self.edges.values():
            unknown = (edge.source | edge.target) - self.nodes.keys()
            if unknown:
                raise ValueError(f"schema: {edge.name} names unknown node types {sorted(unknown)}")
        for name, types in self.groups.items():
            strange = set(types) - self.nodes.keys()
            if strange:
                raise ValueError(f"schema: group {name} names unknown node types {sorted(strange)}")
        for role in self.roles.values():
            bad_types = set(role.types + role.able_types + role.able_partners) - self.nodes.keys()
            bad_rels = set(role.relations + role.able_ties) - self.edges.keys()
            if bad_types or bad_rels:
                raise ValueError(
                    f"schema: role {role.name} names unknown types {sorted(bad_types)} "
                    f"or relations {sorted(bad_rels)}"
                )

    def node(self, name: str) -> NodeSpec:
        """The spec of node type ``name`` (``KeyError`` if unknown)."""
        return self.nodes[name]

    def edge(self, name: str) -> EdgeSpec:
        """The spec of relation type ``name`` (``KeyError`` if unknown)."""
        return self.edges[name]

    def role(self, name: str) -> RoleSpec:
        """The venture role ``name`` (``KeyError`` if unknown)."""
        return self.roles[name]

    def group(self, name: str) -> tuple[str, ...]:
        """The node types of type group ``name`` (``KeyError`` if unknown)."""
        return self.groups[name]

    def allows(self, edge: str, source_types: Iterable[str], target_types: Iterable[str]) -> bool:
        """Whether a claim of type ``edge`` may join actors of these types."""
        spec = self.edges[edge]
        return bool(spec.source.intersection(source_types)) and bool(
            spec.target.intersection(target_types)
        )

    def why_not(self, edge: str, source_types: Iterable[str], target_types: Iterable[str]) -> str:
        """A one-line explanation of why ``allows`` is false (empty when allowed)."""
        spec = self.edges[edge]
        source_types, target_types = list(source_types), list(target_types)
        if not spec.source.intersection(source_types):
            return (
                f"{edge} cannot start at a {'|'.join(source_types)}; "
                f"allowed sources: {', '.join(sorted(spec.source))}"
            )
        if not spec.target.intersection(target_types):
            return (
                f"{edge} cannot end at a {'|'.join(target_types)}; "
                f"allowed targets: {', '.join(sorted(spec.target))}"
            )
        return ""

    def type_labels(self, lang: str = "zh") -> dict[str, str]:
        """Each node type's label in ``lang`` (``zh`` or ``en``).

        >>> SCHEMA.type_labels("zh")["Investor"], SCHEMA.type_labels("en")["Government"]
        ('投资机构', 'government body')
        """
        return {name: spec.label[lang] for name, spec in self.nodes.items()}

    def relation_labels(self, lang: str = "zh") -> dict[str, str]:
        """Each relation type's label in ``lang`` (``zh`` or ``en``).

        >>> SCHEMA.relation_labels("zh")["LENT_TO"], SCHEMA.relation_labels("en")["LENT_TO"]
        ('贷款', 'lent to')
        """
        return {name: spec.label[lang] for name, spec in self.edges.items()}

    def count_zh(self, node_type: str, count: int) -> str:
        """``count`` actors of ``node_type`` in Chinese, with the type's measure word.

        >>> SCHEMA.count_zh("Enterprise", 12), SCHEMA.count_zh("Scientist", 3)
        ('12 家企业', '3 位科学家')
        """
        spec = self.nodes[node_type]
        return f"{count} {spec.measure_zh}{spec.label['zh']}"

    @cached_property
    def symmetric(self) -> frozenset[str]:
        """Names of the symmetric relation types."""
        return frozenset(name for name, spec in self.edges.items() if spec.symmetric)


def _load() -> Schema:
    return Schema(resources.files("ecox.graph").joinpath("schema.yaml").read_text(encoding="utf-8"))


#: The schema shipped with ecox.
SCHEMA: Schema = _load()

#: Each node type's Chinese label (the schema's ``label.zh``).
TYPE_LABELS: dict[str, str] = SCHEMA.type_labels("zh")
