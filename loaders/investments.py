"""Investment records: one ``INVESTED_IN`` claim per row of a deal table.

The layout is Crunchbase's 2013 export: ``company_name, investor_name,
funded_when, amount_usd``. The amount is the whole round's, in US dollars, and
is kept as reported; blank amounts and dates stay blank. A name that both
invests and is invested in becomes one actor with both types (Enterprise
first). Rows that repeat another row exactly report the same deal and give
the same claim.

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "deals.csv"
>>> _ = path.write_text("company_name,investor_name,funded_when,amount_usd\\n"
...                     "Acme,Fund One,2010-05-01,1000000\\nFund One,Big LP,,\\n")
>>> batch = read_investments(path)
>>> sorted((a.name, tuple(a.types)) for _, _, a in batch.actors)
[('Acme', ('Enterprise',)), ('Big LP', ('Investor',)), ('Fund One', ('Enterprise', 'Investor'))]
>>> len(batch.relations)
2
"""

from __future__ import annotations

import os
from pathlib import Path

from ecox.graph.identity import normalize_name
from ecox.graph.schema import EdgeType, NodeType
from ecox.loaders.errors import Reject, SchemaError
from ecox.loaders.tables import ActorRow, Batch, RelationRow, Row, read_tables
from ecox.loaders.values import normalize_date, parse_number

__all__ = ["read_investments"]


def _check(row: Row, file: str, document: str) -> tuple[str, str, dict[str, object]]:
    company, investor = row.get("company_name"), row.get("investor_name")
    for column, name in (("company_name", company), ("investor_name", investor)):
        if not name:
            raise SchemaError(file, row.line, column, f"empty {column.replace('_', ' ')}")
        if not any(map(str.isalnum, name)) and not normalize_name(name):
            raise SchemaError(file, row.line, column, f"no name left in {name!r}")
    properties: dict[str, object] = {
        "source_doc": document,
        "extractor": "investments",
        "amount": None,
        "currency": None,
    }
    if row.get("funded_when"):
        try:
            properties["date"] = normalize_date(row.get("funded_when"))
        except ValueError as error:
            raise SchemaError(file, row.line, "funded_when", str(error)) from None
    try:
        amount = parse_number(row.get("amount_usd"))
    except ValueError as error:
        raise SchemaError(file, row.line, "amount_usd", str(error)) from None
    if amount is not None:
        if amount < 0:
            raise SchemaError(file, row.line, "amount_usd", f"negative amount {amount:g}")
        properties.update(amount=amount, currency="USD")
    return company, investor, properties


def read_investments(path: str | os.PathLike[str], *, skip_invalid: bool = False) -> Batch:
    """Read a deal table into a :class:`Batch`; strict unless ``skip_invalid``."""
    (table,) = read_tables(path, kind="investments")
    batch = Batch(table.file)
    for error in table.errors:
        if not skip_invalid:
            raise error
        batch.rejects.append(Reject.of(error, ""))
    document = Path(table.file).name
    companies: set[str] = set()
    investors: set[str] = set()
    for row in table.rows:
        try:
            company, investor, properties = _check(row, table.file, document)
        except SchemaError as error:
            if not skip_invalid:
                raise
            batch.rejects.append(Reject.of(error, ",".join(row.cells.values())))
            continue
        companies.add(company)
        investors.add(investor)
        batch.relations.append(
            (table.file, row.line, RelationRow(investor, company, EdgeType.INVESTED_IN, properties))
        )
    for name in sorted(companies | investors):
        types: list[str] = [
            t
            for t, s in ((NodeType.ENTERPRISE, companies), (NodeType.INVESTOR, investors))
            if name in s
        ]
        batch.actors.append(
            (table.file, None, ActorRow(key=name, name=name, types=types, aliases=[]))
        )
    return batch
