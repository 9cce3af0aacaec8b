"""The claims an evidence pane may show: those between the ends of the drawn pairs, read
a column group at a time (the ends first), the columns only the pane reads not kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd

from ecox.viz.positions import among

if TYPE_CHECKING:
    from ecox.viz.network import ViewInput

__all__ = ["claims_among"]


#: The claim columns an evidence pane shows (and orders its claims by): those the views also
#: read elsewhere, and those only it reads.
_EVIDENCE = ("source", "target", "type", "date", "published")
_EVIDENCE_ONLY = ("id", "amount", "currency", "outlet", "source_doc", "evidence", "confidence")


def claims_among(view: ViewInput, pairs: Iterable[frozenset[str]]) -> pd.DataFrame:
    """The claims whose two ends are among those of ``pairs`` (only these can be a drawn
    pair's), their evidence columns: the ends are read first, the rest only sliced (the
    columns only the evidence pane reads are not kept).

    >>> import ecox
    >>> from ecox.viz.network import ViewInput
    >>> view = ViewInput.of(ecox.seed())
    >>> one = view.claim_columns(("source", "target")).iloc[0]
    >>> found = claims_among(view, [frozenset((one["source"], one["target"]))])
    >>> len(found) >= 1, "evidence" in found.columns
    (True, True)
    """
    ends = list({actor for pair in pairs for actor in pair})
    found = view.claim_columns(_EVIDENCE)
    near = among(found["source"], ends) & among(found["target"], ends)
    return pd.concat([found[near], view.claim_columns(_EVIDENCE_ONLY, keep=False)[near]], axis=1)
